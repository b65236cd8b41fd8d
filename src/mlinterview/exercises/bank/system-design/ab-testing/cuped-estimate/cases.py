"""Cases for ab-testing/cuped-estimate.

Expected values come from mlinterview.ml.stats.sequential.cuped_effect, tested on
hand-worked cases and the 1 − ρ² variance identity in tests/ml/stats/test_sequential.py
and against least squares (numpy.linalg.lstsq) in tests/parity/test_ab_testing.py. The
fixed cases are worked by hand in their notes.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.stats.sequential import cuped_effect


def reference(y, x, treatment):
    r = cuped_effect(y, x, np.asarray(treatment).astype(bool))
    return r.estimate, r.standard_error


def _a(values):
    return np.array(values, dtype=float)


def fixed():
    return [
        Case((_a([3, 4, 8, 5, 7, 9]), _a([2, 4, 6, 2, 4, 6]), np.array([0, 0, 0, 1, 1, 1])),
             note="the statement's example: θ = 1.125, estimate 2, se √(0.875/3)",
             expected=(2.0, float(np.sqrt(0.875 / 3)))),
        Case((_a([1, 2, 3, 3, 4, 5]), _a([1, 2, 3, 3, 4, 5]), np.array([0, 0, 0, 1, 1, 1])),
             note="y = x, no effect, but the treated arm had higher x by chance: raw "
                  "difference 2, CUPED removes it (θ = 1): 0 with se 0", expected=(0.0, 0.0)),
        Case((_a([2, 3, 4, 5, 4, 5, 6, 7]), _a([1, 2, 3, 4, 1, 2, 3, 4]),
              np.array([0, 0, 0, 0, 1, 1, 1, 1])),
             note="y = x + 1 + 2·treated: θ = 1, estimate 2 exactly, se 0",
             expected=(2.0, 0.0)),
        Case((_a([1, 3, 1, 3, 2, 4, 2, 4]), _a([1, 1, 3, 3, 1, 1, 3, 3]),
              np.array([False, False, False, False, True, True, True, True])),
             note="x uncorrelated with y (θ = 0): the raw estimate 1 and its se "
                  "√(4/3/4 · 2) = 0.8165", expected=(1.0, float(np.sqrt(2 / 3)))),
        Case((_a([5, 3, 1, 6, 4, 2]), _a([1, 2, 3, 1, 2, 3]), np.array([0, 0, 0, 1, 1, 1])),
             note="negative correlation: θ = −2, y_adj = 3 or 4: estimate 1, se 0",
             expected=(1.0, 0.0)),
        Case((_a([1, 2, 4, 3, 5]), _a([0, 1, 2, 0, 2]), np.array([0, 0, 0, 1, 1])),
             note="unequal arms (3 control, 2 treated) with x imbalanced between them: "
                  "θ = 1.5 over all users"),
        Case((_a([10, 12, 11, 13, 20, 22]), _a([10, 12, 11, 13, 10, 12]),
              np.array([1, 1, 0, 0, 0, 1])),
             note="treated users first and mixed in; an outlier pair"),
    ]


def generated(rng):
    cases = []
    for i in range(40):
        n = int(rng.integers(6, 3000))
        rho = float(rng.choice([0.0, 0.3, 0.7, 0.95, -0.6]))
        x = rng.normal(float(rng.uniform(-5, 50)), float(rng.uniform(0.5, 10)), n)
        treated = rng.random(n) < float(rng.uniform(0.2, 0.8))
        treated[:2], treated[2:4] = True, False          # at least 2 users per arm
        noise = rng.normal(size=n)
        y = (float(rng.uniform(-1, 1)) * treated + rho * (x - x.mean()) / x.std()
             + np.sqrt(1 - rho**2) * noise + 3.0)
        t = treated if i % 2 else treated.astype(int)
        cases.append(Case((y, x, t), note=f"n = {n}, ρ ≈ {rho}", size=n))
    return cases


SPEC = ExerciseSpec(
    function="cuped_estimate",
    # Means, a covariance and variances of at most a few thousand numbers: rounding is
    # ~1e-13 relative; 1e-9 leaves room for a different order of operations. atol 1e-12
    # covers the hand-worked cases whose answer is exactly 0.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
