"""Cases for overfitting/k-fold.

Expected values come from the library: mlinterview.ml.model_selection.cross_val_score
with KFold(n_splits) (folds identical to scikit-learn's, tests/parity) and
LinearRegression, scored by negated MSE. The first cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.linear_model import LinearRegression
from mlinterview.ml.model_selection import KFold, cross_val_score


def reference(X, y, n_splits):
    scores = cross_val_score(LinearRegression(solver="svd"), np.asarray(X, float),
                             np.asarray(y, float), cv=KFold(n_splits),
                             scoring="neg_mean_squared_error")
    return [float(-s) for s in scores]


def fixed():
    return [
        Case(([[0], [1], [2]], [0, 1, 3], 3), note="worked example: leave-one-out on 3 points",
             expected=[1.0, 0.25, 1.0]),
        # A line is fitted exactly from any 2 points: every fold error is 0.
        Case(([[0], [1], [2], [3], [4]], [1, 3, 5, 7, 9], 2),
             note="exact line y = 2x + 1, 5 rows in 2 folds (sizes 3 and 2)",
             expected=[0.0, 0.0]),
        # Fold sizes 2, 1, 1. Fold 0 = rows 0-1, trained on (2, 2), (3, 3): y = x, errors
        # 0² and (5 - 1)² -> mean 8. Fold 1 = row 2, trained on (0, 0), (1, 5), (3, 3):
        # slope Sxy/Sxx = (30/9)/(42/9) = 5/7, intercept 8/3 - (5/7)(4/3) = 12/7, predicts
        # 22/7 at x = 2 -> (8/7)² = 64/49. Fold 2 = row 3, trained on (0, 0), (1, 5),
        # (2, 2): slope 1, intercept 4/3, predicts 13/3 at x = 3 -> (4/3)² = 16/9.
        Case(([[0], [1], [2], [3]], [0, 5, 2, 3], 3), note="4 rows in 3 folds: sizes 2, 1, 1",
             expected=[8.0, 64 / 49, 16 / 9]),
        Case((np.arange(14.0).reshape(7, 2), np.array([0.0, 1, 0, 1, 0, 1, 5]), 3),
             note="7 rows, 3 folds (3, 2, 2); two collinear features"),
        Case((np.array([[0.0], [1.0], [2.0], [3.0], [4.0], [5.0], [6.0], [7.0], [8.0],
                        [9.0], [10.0]]), np.sin(np.arange(11.0)), 4),
             note="11 rows in 4 folds (3, 3, 3, 2)"),
    ]


def generated(rng):
    cases = []
    for i in range(12):
        d = int(rng.integers(1, 5))
        n = int(rng.integers(3 * (d + 2), 60)) if i < 10 else 2000
        k = int(rng.integers(2, min(10, n // (d + 2)) + 1))
        if n % k == 0:
            n += 1  # keep a remainder: the fold-size convention is tested every time
        X = rng.normal(size=(n, d))
        y = X @ rng.normal(size=d) + 0.5 * rng.normal(size=n) + X[:, 0] ** 2
        cases.append(Case((X, y, k), note=f"random, {n} rows, {d} features, {k} folds"))
    return cases


SPEC = ExerciseSpec(
    function="kfold_mse",
    # Different least-squares solvers (lstsq vs SVD) agree to ~1e-12 relative here.
    compare=AllClose(rtol=1e-6, atol=1e-9),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
