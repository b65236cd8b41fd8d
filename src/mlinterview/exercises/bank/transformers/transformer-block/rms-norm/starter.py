import numpy as np


def rms_norm(x, weight, eps):
    """x / sqrt(mean(x**2 over the last axis) + eps) * weight.

    Parameters
    ----------
    x : float array of shape (..., d)
    weight : float array of shape (d,)
    eps : float >= 0, added inside the square root

    Returns
    -------
    ndarray of the shape of x
    """
    x = np.asarray(x, dtype=float)
    raise NotImplementedError("the root mean square of each row, then scale")
