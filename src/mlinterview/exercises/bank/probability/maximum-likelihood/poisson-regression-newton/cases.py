"""Cases for maximum-likelihood/poisson-regression-newton.

Our library has no Poisson regression (and scikit-learn is not a runtime dependency), so
generated expected values come from SciPy: scipy.optimize.minimize (trust-exact, with
the analytic gradient and Hessian) from w = 0, polished by scipy.optimize.root on the
score equations Xᵀ(y - exp(Xw)) = 0. The first cases are worked by hand: models that can
reproduce the data exactly (group means, an exact exponential), where the MLE is known.
"""

import math

import numpy as np
from scipy import optimize
from scipy.special import gammaln

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits


def _ll(X, y, w):
    eta = X @ w
    return float(np.sum(y * eta - np.exp(eta) - gammaln(y + 1)))


def reference(X, y):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)

    def negative(w):
        with np.errstate(over="ignore"):
            eta = X @ w
            return float(np.sum(np.exp(eta) - y * eta))

    def score(w):
        with np.errstate(over="ignore"):
            return X.T @ (np.exp(X @ w) - y)

    def curvature(w):
        with np.errstate(over="ignore"):
            mu = np.exp(X @ w)
        return (X * mu[:, None]).T @ X

    start = optimize.minimize(negative, np.zeros(X.shape[1]), jac=score, hess=curvature,
                              method="trust-exact", options={"gtol": 1e-10, "maxiter": 500})
    w = optimize.root(score, start.x, jac=curvature, method="hybr",
                      options={"xtol": 1e-15}).x
    return w, _ll(X, y, w)


def _exact(X, y, w):
    X, y, w = (np.asarray(a, dtype=float) for a in (X, y, w))
    return (w, _ll(X, y, w))


def fixed():
    two_groups = [[1, 0], [1, 0], [1, 1], [1, 1]]
    growth = [[1, 0], [1, 1], [1, 2], [1, 3]]
    return [
        Case((two_groups, [1, 3, 4, 8]), note="worked example: two group means 2 and 6",
             expected=_exact(two_groups, [1, 3, 4, 8], [math.log(2), math.log(3)])),
        Case(([[1.0]] * 4, [0, 1, 2, 5]), note="intercept only: w = log(mean y)",
             expected=_exact([[1.0]] * 4, [0, 1, 2, 5], [math.log(2)])),
        Case(([[1, 0], [0, 1]], [3, 7]), note="as many weights as samples",
             expected=_exact([[1, 0], [0, 1]], [3, 7], [math.log(3), math.log(7)])),
        Case((growth, [1000, 3000, 9000, 27000]),
             note="counts in the thousands: a full first step overflows",
             expected=_exact(growth, [1000, 3000, 9000, 27000], [math.log(1000), math.log(3)])),
        Case(([[1, -1], [1, 0], [1, 1]], [0, 1, 3]), note="a zero count"),
        Case(([[1.0], [2.0], [3.0]], [2, 4, 8]), note="no intercept column"),
        Case(([[1, 0.5, -2], [1, 1.5, 0], [1, -1, 1], [1, 0, 0.3], [1, 2, -1], [1, -0.5, 2]],
              [4, 9, 0, 2, 20, 1]), note="two features and an intercept"),
    ]


def generated(rng):
    cases = []
    while len(cases) < 25:
        i = len(cases)
        n = int(rng.integers(6, 60)) if i < 22 else 2000
        p = int(rng.integers(1, 5))
        X = np.hstack([np.ones((n, 1)), rng.normal(size=(n, p - 1))])
        w = rng.normal(size=p) * 0.5
        w[0] = float(rng.choice([-1.0, 0.5, 2.0, 6.0]))
        y = rng.poisson(np.exp(X @ w)).astype(float)
        if y.sum() == 0 or (p > 1 and np.linalg.matrix_rank(X) < p):
            continue
        cases.append(Case((X, y), note=f"{n} samples, {p} weights, log-rate {w[0]:g}"))
    return cases


SPEC = ExerciseSpec(
    function="poisson_regression",
    # The reference is accurate to ~1e-15 (checked against extra Newton steps); a
    # solution that stops on a stalled line search is off by ~1e-8 and is rejected.
    compare=AllClose(rtol=1e-9, atol=1e-10),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
