import numpy as np
from scipy.special import gammaln


def poisson_regression(X, y):
    """Maximum-likelihood Poisson regression (log link) by Newton's method.

    Parameters
    ----------
    X : array-like (n, p), full column rank
    y : array-like (n,), non-negative integer counts

    Returns
    -------
    w : ndarray (p,)
    log_likelihood : float, sum_i [y_i x_i.w - exp(x_i.w) - log(y_i!)] at w
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    raise NotImplementedError("Newton steps with step halving, from w = 0")
