"""Cases for bias-variance/one-standard-error.

Expected values come from the library: mlinterview.ml.model_selection.validation_curve
with KFold(n_splits) (the folds of scikit-learn's KFold, tests/parity) over the parameter
`degree` of a polynomial least-squares regressor built on
mlinterview.ml.linear_model.LinearRegression, scored by negated MSE; the means, the
standard errors and the two choices are then taken from its (degrees, folds) score
matrices. The first case is worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.base import BaseEstimator, RegressorMixin
from mlinterview.ml.linear_model import LinearRegression
from mlinterview.ml.model_selection import KFold, validation_curve


class PolynomialRegression(RegressorMixin, BaseEstimator):
    """Least squares on x, x², ..., x^degree with an intercept (degree 0: the mean)."""

    def __init__(self, degree=1):
        self.degree = degree

    def _features(self, X):
        return np.asarray(X, float).reshape(-1, 1) ** np.arange(1, self.degree + 1)

    def fit(self, X, y):
        if self.degree == 0:
            self.mean_ = float(np.mean(y))
        else:
            self.model_ = LinearRegression(solver="svd").fit(self._features(X), y)
        return self

    def predict(self, X):
        if self.degree == 0:
            return np.full(len(X), self.mean_)
        return self.model_.predict(self._features(X))


def _curves(x, y, degrees, n_splits):
    train, valid = validation_curve(
        PolynomialRegression(), np.asarray(x, float).reshape(-1, 1), np.asarray(y, float),
        param_name="degree", param_range=list(degrees), cv=KFold(n_splits),
        scoring="neg_mean_squared_error")
    train, valid = -train, -valid                       # (n_degrees, n_splits) MSEs
    return (train.mean(axis=1), valid.mean(axis=1),
            valid.std(axis=1, ddof=1) / np.sqrt(n_splits))


def reference(x, y, degrees, n_splits):
    train, cv, se = _curves(x, y, degrees, n_splits)
    best = int(np.flatnonzero(cv == cv.min())[0])
    simplest = min(i for i in range(len(cv)) if cv[i] <= cv[best] + se[best])
    return train, cv, se, int(degrees[best]), int(degrees[simplest])


def _clear_choice(x, y, degrees, n_splits):
    """No degree sits within rounding of the minimum or of the one-SE line."""
    _, cv, se = _curves(x, y, degrees, n_splits)
    best = int(np.argmin(cv))
    line = cv[best] + se[best]
    others = np.delete(cv, best)
    return (np.all(np.abs(others - cv[best]) > 1e-6 * cv[best])
            and np.all(np.abs(cv - line) > 1e-6 * line))


def fixed():
    x = np.linspace(-1, 1, 17)
    y = np.array([0.3, -0.1, 0.4, 0.2, -0.3, 0.1, 0.0, 0.5, -0.2, 0.3, 0.1, -0.4, 0.2, 0.0,
                  0.3, -0.1, 0.2]) + x ** 2
    return [
        Case(([0, 1, 2, 3, 4, 5], [0, 2, 4, 6, 8, 10], [0, 1], 3),
             note="worked example: a line, degrees 0 and 1, 3 folds",
             expected=([9.0, 0.0], [25.0, 0.0], [12.0, 0.0], 1, 1)),
        Case((x, y, [0, 1, 2, 3, 4, 5], 5), note="a noisy parabola, 17 rows in 5 folds"),
        Case((x, y, [2, 5, 8], 4), note="degrees that skip: 2, 5, 8"),
        Case((x, y, [3], 2), note="a single degree is its own choice"),
        Case((x.tolist(), y.tolist(), [0, 2], 17), note="leave-one-out"),
    ]


def generated(rng):
    cases = []
    while len(cases) < 20:
        i = len(cases)
        n = int(rng.integers(12, 60)) if i < 19 else 300
        k = int(rng.integers(2, 8))
        if n % k == 0:
            n += 1                          # unequal folds: the mean of fold MSEs matters
        top = int(min(6, n - n // k - 3))   # every training fold has more rows than coefs
        degrees = sorted(rng.choice(np.arange(top + 1), size=int(rng.integers(2, top + 2)),
                                    replace=False).tolist())
        x = rng.uniform(-1, 1, n)
        if i % 3 == 0:
            x = np.sort(x)                  # sorted x: folds extrapolate, curves are steep
        # A smooth signal of random shape plus noise, so both choices vary.
        y = (rng.normal() * x + rng.normal() * x**2 + rng.normal() * np.sin(3 * x)
             + rng.normal(scale=rng.uniform(0.05, 1.0), size=n))
        if not _clear_choice(x, y, degrees, k):
            continue
        cases.append(Case((x, y, degrees, k), note=f"{n} rows, {k} folds, degrees {degrees}",
                          size=n * len(degrees)))
    return cases


SPEC = ExerciseSpec(
    function="cv_degree_curve",
    # lstsq on [1, x, ...] vs the library's SVD of centred features: ~1e-12 relative on
    # these designs (|x| <= 1, degree <= 8); the cases keep the choices 1e-6 away from ties.
    compare=AllClose(rtol=1e-6, atol=1e-10),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
