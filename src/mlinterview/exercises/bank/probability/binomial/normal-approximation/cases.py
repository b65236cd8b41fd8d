"""Cases for binomial/normal-approximation.

Expected values come from mlinterview.ml.stats.binom_normal_approx(k, n, p,
continuity=True) (tested against scipy.stats.norm in tests/ml/test_stats.py); the first
cases are worked by hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.stats import binom_normal_approx


def reference(k, n, p):
    k = np.asarray(k, dtype=float)
    return np.asarray(binom_normal_approx(k, n, p, continuity=True), dtype=float).reshape(k.shape)


def _phi(z):
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


def fixed():
    return [
        Case(([55], 100, 0.5), note="worked example: z = 1.1", expected=np.array([_phi(1.1)])),
        Case(([50, 49], 100, 0.5), note="at and below the mean",
             expected=np.array([_phi(0.1), _phi(-0.1)])),
        # mu = 30, sigma = sqrt(21): z = (k + 0.5 - 30) / sqrt(21).
        Case(([20, 30, 40], 100, 0.3), note="p = 0.3",
             expected=np.array([_phi((k + 0.5 - 30) / math.sqrt(21)) for k in (20, 30, 40)])),
        Case(([-1, 0, 3, 5], 5, 0.0), note="p = 0: a point mass at 0",
             expected=np.array([0.0, 1.0, 1.0, 1.0])),
        Case(([-1, 0, 3, 4, 5], 5, 1.0), note="p = 1: a point mass at n",
             expected=np.array([0.0, 0.0, 0.0, 0.0, 1.0])),
        Case((np.array([], dtype=int), 10, 0.5), note="no counts", expected=np.zeros(0)),
        Case(([-5, 12], 10, 0.5), note="counts outside 0..n"),
        Case(([499_000, 500_000, 501_500], 1_000_000, 0.5), note="a million trials"),
        Case(([0, 1, 2], 1000, 0.001), note="n p = 1: the approximation is poor, but defined"),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        n = int(rng.choice([rng.integers(1, 50), rng.integers(50, 5000),
                            rng.integers(5000, 10**7)]))
        p = float(rng.choice([rng.random(), rng.random() * 0.02, 0.5, 0.0, 1.0],
                             p=[0.5, 0.2, 0.2, 0.05, 0.05]))
        mu, sd = n * p, math.sqrt(n * p * (1 - p))
        m = int(rng.integers(1, 40))
        k = np.round(mu + (3 * sd + 2) * rng.uniform(-1.5, 1.5, size=m)).astype(int)
        if i % 3 == 0:
            k = k.tolist()
        cases.append(Case((k, n, p), note=f"n = {n}, p = {p:.3g}, {m} counts"))
    return cases


SPEC = ExerciseSpec(
    function="binom_cdf_normal",
    # erf- and ndtr-based Phi agree to ~1e-16 absolute; deep tails need only the atol.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
