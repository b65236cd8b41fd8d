import numpy as np


def lasso_cd(X, y, alpha):
    """Lasso (1/2n)||y - Xw - b||² + alpha ||w||_1 by cyclic coordinate descent.

    Parameters
    ----------
    X : array-like (n, p)
    y : array-like (n,)
    alpha : float >= 0

    Returns
    -------
    (w, b) : ndarray (p,), float
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    raise NotImplementedError("centre; sweep soft-threshold updates keeping r current")
