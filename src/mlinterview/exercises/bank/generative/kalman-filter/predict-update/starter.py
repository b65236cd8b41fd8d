import numpy as np


def predict_update(x, P, z, F, H, Q, R):
    """One Kalman filter step: predict with (F, Q), then update with measurement z.

    Parameters
    ----------
    x : ndarray of shape (n,)       mean of the belief after the previous step
    P : ndarray of shape (n, n)     its covariance
    z : ndarray of shape (m,)       the new measurement
    F : ndarray of shape (n, n)     state transition
    H : ndarray of shape (m, n)     measurement matrix
    Q : ndarray of shape (n, n)     process-noise covariance
    R : ndarray of shape (m, m)     measurement-noise covariance

    Returns
    -------
    (x_new, P_new) : ndarrays of shapes (n,) and (n, n)
    """
    x = np.asarray(x, dtype=float)
    raise NotImplementedError("predict x and P, then compute the innovation, S, K and update")
