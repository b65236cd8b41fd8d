import numpy as np


def fit_line(x, y):
    """Least-squares line through (x, y).

    Parameters
    ----------
    x, y : sequence of float, shape (n,), n >= 2, x not constant

    Returns
    -------
    (slope, intercept) : tuple of two floats
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    raise NotImplementedError("centre, then covariance over variance")
