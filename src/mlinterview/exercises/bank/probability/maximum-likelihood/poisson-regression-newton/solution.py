import numpy as np
from scipy.special import gammaln


def _log_likelihood(X, y, w):
    """l(w) = sum_i y_i eta_i - exp(eta_i) - log(y_i!); -inf when a rate overflows."""
    eta = X @ w
    with np.errstate(over="ignore"):
        return float(np.sum(y * eta - np.exp(eta) - gammaln(y + 1)))


def poisson_regression(X, y):
    """Maximum-likelihood Poisson regression (log link) by Newton's method."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.zeros(X.shape[1])
    for _ in range(100):
        mu = np.exp(X @ w)
        grad = X.T @ (y - mu)                      # gradient of l
        curvature = (X * mu[:, None]).T @ X        # minus the Hessian: positive definite
        direction = np.linalg.solve(curvature, grad)
        size = np.max(np.abs(direction))
        scale = 1 + np.max(np.abs(w))
        t = 1.0
        if size > 1e-6 * scale:
            # Far from the optimum the full step can overshoot badly (exp of a huge
            # score): halve it until the likelihood does not decrease. Near the optimum
            # the change in l is below its rounding error, so the step is taken in full.
            ll = _log_likelihood(X, y, w)
            while _log_likelihood(X, y, w + t * direction) < ll and t >= 1e-10:
                t /= 2
        w = w + t * direction
        if size <= 1e-10 * scale:
            break
    return w, _log_likelihood(X, y, w)
