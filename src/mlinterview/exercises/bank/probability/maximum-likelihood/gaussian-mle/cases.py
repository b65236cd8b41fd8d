"""Cases for maximum-likelihood/gaussian-mle.

Expected values come from mlinterview.ml.stats.fit_gaussian (two-pass variance; the
log-likelihood is minus the summed per-sample Gaussian NLL at the fit, +inf for a
constant column), checked against scipy.stats.norm.fit in tests/parity/test_stats.py;
the first cases are worked by hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.stats import fit_gaussian


def reference(X):
    fit = fit_gaussian(np.asarray(X, dtype=float))
    return (np.asarray(fit.mean, dtype=float), np.asarray(fit.var, dtype=float),
            float(fit.log_likelihood))


def _ll(n, variances):
    return -n / 2 * sum(math.log(2 * math.pi * v) + 1 for v in variances)


def fixed():
    return [
        Case(([[1.0, 10.0], [3.0, 14.0]],), note="worked example",
             expected=(np.array([2.0, 12.0]), np.array([1.0, 4.0]), _ll(2, [1.0, 4.0]))),
        # mean 2, deviations -1, -1, 2 -> var (1 + 1 + 4) / 3 = 2, not 3 (ddof = 1).
        Case(([[1.0], [1.0], [4.0]],), note="divides by n, not n - 1",
             expected=(np.array([2.0]), np.array([2.0]), _ll(3, [2.0]))),
        Case(([[5.0, -1.0, 0.5]],), note="one sample: every variance is 0",
             expected=(np.array([5.0, -1.0, 0.5]), np.zeros(3), math.inf)),
        Case(([[1.0, 7.0], [2.0, 7.0], [6.0, 7.0]],), note="a constant column",
             expected=(np.array([3.0, 7.0]), np.array([14 / 3, 0.0]), math.inf)),
        # 1e8 + [-1, 0, 1]: mean 1e8, var 2/3; one-pass would subtract numbers near 1e16.
        Case(([[1e8 - 1.0], [1e8], [1e8 + 1.0]],), note="offset 1e8, variance 2/3",
             expected=(np.array([1e8]), np.array([2 / 3]), _ll(3, [2 / 3]))),
        Case(([[-3.0, 2e-6], [-1.0, 4e-6], [-2.0, 3e-6], [-6.0, 1e-6]],),
             note="negative values and a tiny variance"),
        Case((np.array([[1e9 + 0.25, 3.0], [1e9 - 0.5, 1.0], [1e9 + 0.75, 2.0],
                        [1e9, 0.0]]),), note="offset 1e9 beside an ordinary column"),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        n = int(rng.integers(2, 40)) if i < 27 else 5000
        d = int(rng.integers(1, 6))
        spread = np.exp(rng.uniform(np.log(1e-2), np.log(1e2), size=d))
        offset = rng.choice([0.0, 1e3, -1e5, 1e8], size=d)
        X = offset + spread * rng.normal(size=(n, d))
        cases.append(Case((X,), note=f"{n} x {d}, offsets {offset.tolist()}"))
    return cases


SPEC = ExerciseSpec(
    function="gaussian_mle",
    # Two-pass sums in float64 in any order agree to ~1e-14 relative.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
