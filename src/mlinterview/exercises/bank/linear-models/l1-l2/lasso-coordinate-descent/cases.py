"""Cases for l1-l2/lasso-coordinate-descent.

Expected values come from mlinterview.ml.linear_model.Lasso(alpha, tol=1e-13,
max_iter=100000) (coordinate descent to a relative weight change and a duality gap below
1e-13; checked against scikit-learn's Lasso in tests/parity/test_linear_model.py); the
first cases are worked by hand (orthogonal features, where one sweep is exact).
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.linear_model import Lasso


def reference(X, y, alpha):
    model = Lasso(alpha=alpha, tol=1e-13, max_iter=100_000).fit(
        np.asarray(X, dtype=float), np.asarray(y, dtype=float))
    return np.asarray(model.coef_, dtype=float), float(model.intercept_)


def fixed():
    X = [[1.0, 1.0], [1.0, -1.0], [-1.0, 1.0], [-1.0, -1.0]]
    y = [3.0, 1.0, 0.0, -2.0]
    a = np.array
    return [
        Case((X, y, 0.5), note="worked example", expected=(a([1.0, 0.5]), 0.5)),
        Case((X, y, 1.25), note="the second feature is dropped", expected=(a([0.25, 0.0]), 0.5)),
        Case((X, y, 2.0), note="alpha above alpha_max = 1.5: all zero",
             expected=(a([0.0, 0.0]), 0.5)),
        Case((X, y, 0.0), note="alpha = 0: least squares", expected=(a([1.5, 1.0]), 0.5)),
        # Shift the first column by 10: centring undoes it; b changes by -10 w_0.
        Case(([[11.0, 1.0], [11.0, -1.0], [9.0, 1.0], [9.0, -1.0]], y, 0.5),
             note="a feature far from 0", expected=(a([1.0, 0.5]), 0.5 - 10.0)),
        Case(([[1.0, 5.0, 1.0], [1.0, 5.0, -1.0], [-1.0, 5.0, 1.0], [-1.0, 5.0, -1.0]], y, 0.5),
             note="a constant column stays at 0", expected=(a([1.0, 0.0, 0.5]), 0.5)),
        Case(([[1.0, 0.9], [2.0, 2.1], [3.0, 2.9], [4.0, 4.2], [5.0, 4.8]],
              [1.0, 2.0, 2.5, 4.5, 5.0], 0.05), note="two strongly correlated features"),
        Case(([[0.5, 1.0, -1.0, 2.0], [1.5, -2.0, 0.0, 1.0], [2.0, 0.0, 1.0, -1.0]],
              [1.0, -1.0, 2.0], 0.1), note="more features than samples"),
    ]


def generated(rng):
    cases = []
    for i in range(28):
        n = int(rng.integers(5, 60)) if i < 26 else 2000
        p = int(rng.integers(1, 10))
        X = rng.normal(size=(n, p)) * rng.uniform(0.5, 2, size=p) + rng.normal(0, 3, size=p)
        if i % 5 == 0 and p > 1:
            X[:, 0] = 0.6 * X[:, 1] + 0.8 * rng.normal(size=n)      # correlated pair
        w_true = rng.normal(size=p) * (rng.random(p) < 0.6)
        y = X @ w_true + rng.normal(size=n) * 0.5 + rng.normal(0, 5)
        alpha = float(rng.choice([0.01, 0.05, 0.1, 0.3, 1.0]))
        cases.append(Case((X, y, alpha), note=f"{n} x {p}, alpha {alpha}"))
    return cases


SPEC = ExerciseSpec(
    function="lasso_cd",
    # Coordinate descent stopped on a change of 1e-12 and the reference's duality-gap rule
    # agree to ~1e-8 relative on these well-conditioned problems.
    compare=AllClose(rtol=1e-6, atol=1e-8),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
