import numpy as np


def kalman_1d(zs, q, r, x0, p0):
    """Filtered means and variances of a random-walk state from noisy measurements.

    Parameters
    ----------
    zs : sequence of T floats, the measurements
    q, r : floats, process and measurement noise variances
    x0, p0 : floats, the belief before the first measurement

    Returns
    -------
    (means, variances) : float arrays of shape (T,)
    """
    raise NotImplementedError("for each z: predict (add q), then update with the gain")
