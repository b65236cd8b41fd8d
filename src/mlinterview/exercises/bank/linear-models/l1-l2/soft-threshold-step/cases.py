"""Cases for l1-l2/soft-threshold-step.

The reference runs one coordinate of mlinterview.ml.linear_model's coordinate-descent
update (soft_threshold, checked against scikit-learn's Lasso in
tests/parity/test_linear_model.py); the first cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.linear_model import soft_threshold


def reference(X, y, w, j, alpha):
    X, y, w = np.asarray(X, float), np.asarray(y, float), np.array(w, float)
    x_j = X[:, j]
    norm2 = float(x_j @ x_j)
    z = x_j @ (y - X @ w) + norm2 * w[j]
    w[j] = float(soft_threshold(z, X.shape[0] * alpha)) / norm2 if norm2 > 0 else 0.0
    return w


def fixed():
    eye = [[1.0, 0.0], [0.0, 1.0]]
    return [
        Case((eye, [3.0, 1.0], [0.0, 0.0], 0, 0.5), note="worked example: z=3, t=1",
             expected=np.array([2.0, 0.0])),
        Case((eye, [3.0, 1.0], [0.0, 0.0], 0, 2.0), note="threshold above |z|: exact zero",
             expected=np.array([0.0, 0.0])),
        Case((eye, [-3.0, 1.0], [0.0, 0.0], 0, 0.5), note="negative z shrinks towards 0",
             expected=np.array([-2.0, 0.0])),
        # z = x_0ᵀ(y - Xw) + ||x_0||² w_0 = (3 - 5) + 5 = 3 -> S(3, 1) = 2.
        Case((eye, [3.0, 1.0], [5.0, 7.0], 0, 0.5), note="the current w_j is added back",
             expected=np.array([2.0, 7.0])),
        Case((eye, [3.0, 1.0], [0.0, 0.0], 1, 0.0), note="alpha 0: least squares in one coordinate",
             expected=np.array([0.0, 1.0])),
        # x_0 = [2, 2], y = [2, 4]: z = 12, n*alpha = 2, ||x||² = 8 -> 10/8.
        Case(([[2.0], [2.0]], [2.0, 4.0], [0.0], 0, 1.0), note="column norm is not 1",
             expected=np.array([1.25])),
        Case(([[0.0, 1.0], [0.0, 1.0]], [1.0, 1.0], [0.3, 0.0], 0, 0.1), note="zero column",
             expected=np.array([0.0, 0.0])),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        n = int(rng.integers(2, 40)) * (1 + 30 * (i >= 28))
        p = int(rng.integers(1, 10))
        X = rng.normal(size=(n, p))
        y = X @ rng.normal(size=p) + rng.normal(size=n)
        w = rng.normal(size=p) * (rng.random(p) < 0.6)
        alpha = float(rng.choice([0.0, 0.01, 0.1, 0.5, 2.0]))
        cases.append(Case((X, y, w, int(rng.integers(p)), alpha),
                          note=f"random {n}x{p}, alpha={alpha}"))
    return cases


SPEC = ExerciseSpec(
    function="lasso_coordinate_step",
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
