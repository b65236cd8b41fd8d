"""Cases for binomial/exact-binomial-test.

Expected values come from mlinterview.ml.stats.binomtest(k, n, p).pvalue (SciPy's
algorithm: the observed side's tail plus the far tail of outcomes no more likely, found
with the same 1e-7 relative slack; checked against scipy.stats.binomtest in
tests/parity/test_stats.py); the first cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.stats import binomtest


def reference(k, n, p):
    return float(binomtest(k, n, p).pvalue)


def fixed():
    return [
        Case((3, 10, 0.5), note="worked example", expected=352 / 1024),
        Case((0, 2, 1 / 3), note="exact tie 4/9 = 4/9, p = 1/3", expected=1.0),
        Case((1, 2, 1 / 3), note="the other side of the tie", expected=1.0),
        Case((0, 4, 0.2), note="tie between j = 0 and j = 1 (both 0.4096)", expected=1.0),
        Case((5, 10, 0.5), note="k at the mode", expected=1.0),
        Case((10, 10, 0.5), note="all heads", expected=2 / 1024),
        Case((0, 1, 0.5), note="one flip", expected=1.0),
        Case((0, 5, 0.0), note="p = 0, nothing observed", expected=1.0),
        Case((2, 5, 0.0), note="p = 0, an impossible outcome", expected=0.0),
        Case((5, 5, 1.0), note="p = 1, all successes", expected=1.0),
        # pmf: j=0 1/8, j=1 3/8, j=2 3/8, j=3 1/8 (p = 1/2); k = 0 -> j = 0 and 3.
        Case((0, 3, 0.5), note="three flips, none", expected=0.25),
        Case((7, 20, 0.1), note="a skewed pmf: doubling a tail is wrong"),
        Case((2, 5, 1 / 3), note="p = 1/3 with ties lost to rounding"),
        Case((7800, 20000, 0.5), note="a p-value near 4e-214"),
        Case((4944, 15083, 1 / 3), note="large n near the mode"),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        n = int(rng.integers(1, 60)) if i < 20 else int(rng.integers(60, 20001))
        p = float(rng.choice([rng.random(), 0.5, 1 / 3, rng.random() * 0.02]))
        sd = (n * p * (1 - p)) ** 0.5
        k = int(np.clip(round(n * p + rng.normal() * 3 * sd + rng.normal()), 0, n))
        cases.append(Case((k, n, p), note=f"k = {k}, n = {n}, p = {p:.4g}", size=n))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="binom_test_pvalue",
    # The pmf from gammaln carries ~1e-11 relative error at n = 20000; no absolute slack
    # above the subnormal range, so tiny p-values keep their relative accuracy.
    compare=AllClose(rtol=1e-8, atol=1e-300),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
