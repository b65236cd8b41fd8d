import numpy as np


def rts_smoother(zs, F, H, Q, R, x0, P0):
    """Smoothed means (T, n) and covariances (T, n, n) of a linear-Gaussian model.

    Parameters
    ----------
    zs : float array (T, m), a row of NaN is a missing measurement
    F, Q, P0 : float arrays (n, n); H : (m, n); R : (m, m); x0 : (n,)

    Returns
    -------
    (means, covariances) : float arrays (T, n) and (T, n, n)
    """
    zs = np.asarray(zs, dtype=float)
    raise NotImplementedError("filter forwards keeping the predictions, then smooth backwards")
