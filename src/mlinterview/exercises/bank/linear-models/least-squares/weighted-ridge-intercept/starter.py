import numpy as np


def ridge_fit(X, y, alpha, sample_weight=None):
    """Weighted ridge regression; the intercept is not penalised.

    Parameters
    ----------
    X : array-like (n, p)
    y : array-like (n,)
    alpha : float >= 0
    sample_weight : array-like (n,) of non-negative weights, or None (all ones)

    Returns
    -------
    (w, b) : ndarray (p,), float
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    raise NotImplementedError("weighted centring, then (Xcᵀ S Xc + alpha I) w = Xcᵀ S yc")
