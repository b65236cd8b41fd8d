"""Cases for bias-variance/bootstrap-estimate.

Expected values come from the library: mlinterview.ml.model_selection.
bias_variance_decomposition (mlxtend's method: RandomState(seed).choice resamples, loss
"mse"), refitting mlinterview.ml.linear_model.LinearRegression on the polynomial features
x, ..., x^degree (a constant model for degree 0). LinearRegression is checked against
scikit-learn in tests/parity. The first cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.base import BaseEstimator
from mlinterview.ml.linear_model import LinearRegression
from mlinterview.ml.model_selection import bias_variance_decomposition


class PolynomialRegression(BaseEstimator):
    """Least squares on x, x², ..., x^degree with an intercept (degree 0: the mean)."""

    def __init__(self, degree=1):
        self.degree = degree

    def _features(self, x):
        return np.asarray(x, float).reshape(-1, 1) ** np.arange(1, self.degree + 1)

    def fit(self, x, y):
        if self.degree == 0:
            self.mean_ = float(np.mean(y))
        else:
            self.model_ = LinearRegression(solver="svd").fit(self._features(x), y)
        return self

    def predict(self, x):
        if self.degree == 0:
            return np.full(len(x), self.mean_)
        return self.model_.predict(self._features(x))


def reference(x_train, y_train, x_test, y_test, degree, num_rounds, seed):
    result = bias_variance_decomposition(
        PolynomialRegression(degree), np.asarray(x_train, float), np.asarray(y_train, float),
        np.asarray(x_test, float), np.asarray(y_test, float), loss="mse",
        num_rounds=num_rounds, random_state=seed)
    return tuple(float(v) for v in result)


def _enough_distinct(x, degree, num_rounds, seed):
    """True when every resample has more distinct x than coefficients (a unique fit)."""
    rng = np.random.RandomState(seed)
    return all(len(np.unique(x[rng.choice(len(x), size=len(x), replace=True)])) > degree + 1
               for _ in range(num_rounds))


def fixed():
    line_x = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
    line_y = [1.0, 3.0, 5.0, 7.0, 9.0, 11.0]              # y = 2x + 1, no noise
    return [
        Case(([0, 1, 2, 3], [0, 2, 4, 6], [1.5], [3], 0, 3, 0),
             note="worked example: constant model, 3 rounds, seed 0",
             expected=(41 / 12, 25 / 36, 49 / 18)),
        # Every resample of points on a line (with two distinct x) refits the same line.
        Case((line_x, line_y, [0.5, 10.0], [2.0, 21.0], 1, 20, 3),
             note="exact line, degree 1: every refit is the same line", expected=(0.0, 0.0, 0.0)),
        Case((line_x, line_y, [0.5, 10.0], [3.0, 22.0], 1, 20, 3),
             note="exact line, test targets one above it: bias² 1", expected=(1.0, 1.0, 0.0)),
        # y = x² exactly, degree 2 recovers it from any 3 distinct x; tested at x = -2.
        Case(([-3.0, -1.0, 0.0, 1.0, 2.0, 4.0, 5.0], [9.0, 1.0, 0.0, 1.0, 4.0, 16.0, 25.0],
              [-2.0], [4.0], 2, 10, 11), note="exact parabola, degree 2",
             expected=(0.0, 0.0, 0.0)),
        Case(([0, 1, 2, 3], [0, 2, 4, 6], [1.5, 10.0], [3, 0], 0, 1, 0),
             note="one round: variance 0, the loss is all bias"),
        Case((np.linspace(-1, 1, 15), np.sign(np.linspace(-1, 1, 15)), np.array([-0.9, 0.1, 0.8]),
              np.array([-1.0, 1.0, 1.0]), 1, 50, 2024), note="a step fitted by lines"),
        Case((np.linspace(-1, 1, 15), np.sign(np.linspace(-1, 1, 15)), np.array([-0.9, 0.1, 0.8]),
              np.array([-1.0, 1.0, 1.0]), 3, 50, 2025), note="a step fitted by cubics"),
    ]


def generated(rng):
    cases = []
    while len(cases) < 22:
        i = len(cases)
        degree = i % 5
        n = int(rng.integers(degree + 10, 50)) if i < 21 else 200
        m = int(rng.integers(1, 25)) if i < 21 else 100
        rounds = int(rng.integers(2, 40)) if i < 21 else 200
        seed = int(rng.integers(0, 2**31 - 1))
        x = rng.uniform(-1.5, 1.5, n)
        if not _enough_distinct(x, degree, rounds, seed):
            continue
        y = np.sin(2 * x) + rng.normal(scale=0.3, size=n)
        x_test = rng.uniform(-1.5, 1.5, m)
        y_test = np.sin(2 * x_test) + (0 if i % 2 else rng.normal(scale=0.3, size=m))
        args = (x, y, x_test, y_test, degree, rounds, seed)
        if i % 4 == 3:
            args = (x.tolist(), y.tolist(), x_test.tolist(), y_test.tolist(), degree, rounds,
                    seed)
        cases.append(Case(args, note=f"{n} training points, degree {degree}, {rounds} rounds",
                          size=rounds * n))
    return cases


SPEC = ExerciseSpec(
    function="bootstrap_bias_variance",
    # lstsq on [1, x, ..] vs the library's SVD of centred features: the fitted values
    # agree to ~1e-12 relative on these well-conditioned designs (|x| <= 1.5, degree <= 4).
    compare=AllClose(rtol=1e-7, atol=1e-10),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
