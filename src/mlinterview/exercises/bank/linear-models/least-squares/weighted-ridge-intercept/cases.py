"""Cases for least-squares/weighted-ridge-intercept.

Expected values come from mlinterview.ml.linear_model.Ridge(alpha=alpha)
.fit(X, y, sample_weight) (coef_, intercept_; checked against scikit-learn's Ridge with
sample weights in tests/parity/test_linear_model.py); the first cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.linear_model import Ridge


def reference(X, y, alpha, sample_weight=None):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    sw = None if sample_weight is None else np.asarray(sample_weight, dtype=float)
    model = Ridge(alpha=alpha).fit(X, y, sample_weight=sw)
    return np.asarray(model.coef_, dtype=float), float(model.intercept_)


def fixed():
    X3, y3 = [[0.0], [1.0], [2.0]], [1.0, 3.0, 5.0]
    return [
        Case((X3, y3, 1.0), note="worked example", expected=(np.array([4 / 3]), 5 / 3)),
        Case((X3, y3, 1.0, [1.0, 1.0, 2.0]), note="worked example with weights",
             expected=(np.array([22 / 15]), 5 / 3)),
        Case((X3, y3, 0.0), note="alpha = 0: least squares, exact fit",
             expected=(np.array([2.0]), 1.0)),
        # Shifting y by 100 shifts only b: the intercept is not penalised.
        Case((X3, [101.0, 103.0, 105.0], 1.0), note="y shifted by 100",
             expected=(np.array([4 / 3]), 100 + 5 / 3)),
        # Weight 0 on the middle sample: x̄ = (0 + 4)/3, fit on the other two only.
        Case((X3, [1.0, 100.0, 5.0], 1.0, [1.0, 0.0, 2.0]), note="a zero weight removes a sample"),
        Case((X3, y3, 2.0, [2.0, 2.0, 4.0]), note="doubling the weights = halving alpha",
             expected=(np.array([22 / 15]), 5 / 3)),
        Case(([[1.0, 2.0, 0.5, -1.0], [0.0, 1.0, 3.0, 2.0]], [1.0, -2.0], 0.5),
             note="more features than samples"),
        Case(([[1e3, 0.0], [1e3 + 1, 1.0], [1e3 + 2, 0.0], [1e3 + 3, 1.0]],
              [2.0, 4.0, 5.0, 9.0], 0.1, [0.5, 1.5, 1.0, 3.0]), note="a feature far from 0"),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        n = int(rng.integers(2, 40)) if i < 27 else 5000
        p = int(rng.integers(1, 8)) if i < 27 else 20
        if i % 6 == 5 and i < 27:
            p = n + int(rng.integers(1, 5))          # wide: needs alpha > 0
        X = rng.normal(size=(n, p)) * np.exp(rng.normal(size=p)) + rng.normal(0, 5, size=p)
        y = X @ rng.normal(size=p) + rng.normal(size=n) + rng.normal(0, 20)
        alpha = float(rng.choice([0.01, 0.1, 1.0, 10.0, 100.0]))
        weights = None
        if i % 2 == 0:
            weights = rng.exponential(size=n)
            weights[rng.random(n) < 0.2] = 0.0
            weights[0] = 1.0
        cases.append(Case((X, y, alpha, weights), note=f"{n} x {p}, alpha {alpha}, "
                          f"{'weighted' if weights is not None else 'unweighted'}"))
    return cases


SPEC = ExerciseSpec(
    function="ridge_fit",
    # Solving the same well-conditioned p x p system by LU, Cholesky or SVD agrees to
    # ~1e-12 relative.
    compare=AllClose(rtol=1e-8, atol=1e-10),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
