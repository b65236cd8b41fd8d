"""Cases for distributions/poisson-log-pmf.

Expected values come from mlinterview.ml.stats.Poisson(lam).pmf (log space with gammaln
and xlogy, checked against scipy.stats.poisson in tests/parity/test_stats.py); the first
cases are worked by hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.stats import Poisson


def reference(k, lam):
    return np.asarray(Poisson(lam).pmf(np.asarray(k, dtype=float)), dtype=float).reshape(-1)


def fixed():
    e2 = math.exp(-2)
    return [
        Case(([0, 1, 2, 3], 2.0), note="worked example, lam = 2",
             expected=np.array([e2, 2 * e2, 2 * e2, 4 / 3 * e2])),
        Case(([0, 1, 5], 0.0), note="lam = 0: all the mass at 0 (0^0 = 1)",
             expected=np.array([1.0, 0.0, 0.0])),
        Case(([-3, -1, 0], 1.5), note="negative counts have probability 0",
             expected=np.array([0.0, 0.0, math.exp(-1.5)])),
        Case(([4], 1.0), note="one count: e^-1 / 4!", expected=np.array([math.exp(-1) / 24])),
        Case(([2, 0], 0.5), note="counts in any order",
             expected=np.array([0.125 * math.exp(-0.5), math.exp(-0.5)])),
        Case((np.array([], dtype=int), 3.0), note="no counts", expected=np.zeros(0)),
        Case(([169, 170, 171, 172], 170.0), note="around 170!, the last finite factorial"),
        Case((np.array([900, 1000, 1100, 2000, 3000]), 1000.0),
             note="lam = 1000: lam^k overflows, the pmf does not"),
        Case(([0, 1, 2, 40], 1e-3), note="a tiny rate: P(40) is about 1e-168"),
        Case(([0, 3, 7], 7.5), note="a non-integer rate"),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        lam = float(rng.choice([rng.uniform(0, 5), rng.uniform(5, 100), rng.uniform(100, 1000)]))
        m = int(rng.integers(1, 60)) if i < 25 else 2000
        spread = 4 * math.sqrt(lam) + 10
        k = rng.integers(max(-3, int(lam - spread)), int(lam + spread) + 1, size=m)
        if i % 3 == 0:
            k = k.tolist()
        cases.append(Case((k, lam), note=f"{m} counts, lam = {lam:.4g}"))
    return cases


SPEC = ExerciseSpec(
    function="poisson_pmf",
    # log P carries an absolute error near 1e-12 (lgamma(3001) is about 2e4), which is a
    # relative error of the same size in P; no absolute slack above the subnormal range.
    compare=AllClose(rtol=1e-9, atol=1e-300),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
