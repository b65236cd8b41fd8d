"""Cases for svm/hinge-subgradient.

The reference is mlinterview.ml.svm.hinge_objective (checked against finite differences
and against LIBSVM's optimum in tests/parity/test_svm.py); the first cases are worked by
hand. Integer data put many margins exactly on 1, where the subgradient convention matters.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.svm import hinge_objective


def reference(w, b, X, y, lam):
    return hinge_objective(w, b, X, y, lam)


def fixed():
    return [
        Case(([0.0], 0.0, [[1.0], [2.0]], [1, -1], 0.1), note="worked example: both active",
             expected=(1.0, np.array([0.5]), 0.0)),
        # Margins are exactly 1 for both: no hinge loss and no push, only the regulariser.
        Case(([1.0], 0.0, [[1.0], [-1.0]], [1, -1], 0.5), note="both samples on the margin",
             expected=(0.25, np.array([0.5]), 0.0)),
        # f = 2.5, -3.5, 0.7 -> margins 2.5, 3.5, -0.7: only the third (hinge 1.7) is active.
        Case(([2.0, 0.0], 0.5, [[1.0, 3.0], [-2.0, 1.0], [0.1, 0.0]], [1, -1, -1], 0.2),
             note="one violator, two beyond the margin, b = 0.5",
             expected=(0.4 + 1.7 / 3, np.array([0.4 + 0.1 / 3, 0.0]), 1 / 3)),
        Case(([0.5, -1.0], -1.0, [[1.0, 1.0], [3.0, 0.0]], [1, 1], 0.0),
             note="lam = 0: pure hinge", expected=(1.5, np.array([-2.0, -0.5]), -1.0)),
        Case(([1.0, 1.0], 1.0, [[0.0, 0.0], [1.0, -1.0], [2.0, 2.0]], [1, 1, 1], 1.0),
             note="margins 1, 1, 5: nobody active", expected=(1.0, np.array([1.0, 1.0]), 0.0)),
    ]


def generated(rng):
    cases = []
    for i in range(20):
        n = int(rng.integers(1, 40)) * (1 + 30 * (i >= 18))
        d = int(rng.integers(1, 6))
        y = rng.choice([-1, 1], n)
        lam = float(rng.choice([0.0, 0.01, 1.0]))
        if i % 2:
            # Small integers: many margins land exactly on 1.
            X = rng.integers(-2, 3, (n, d)).astype(float)
            w, b = rng.integers(-1, 2, d).astype(float), float(rng.integers(-1, 2))
        else:
            X = rng.normal(size=(n, d))
            w, b = rng.normal(size=d), float(rng.normal())
        cases.append(Case((w, b, X, y, lam), note=f"random {n}x{d}, lam {lam:g}"))
    return cases


SPEC = ExerciseSpec(
    function="hinge_subgradient",
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
