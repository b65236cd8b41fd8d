import numpy as np


def predict_update(x, P, z, F, H, Q, R):
    """One Kalman filter step: predict with (F, Q), then update with measurement z.

    Returns (x_new, P_new) of shapes (n,) and (n, n).
    """
    x, P, z = np.asarray(x, float), np.asarray(P, float), np.asarray(z, float)
    F, H, Q, R = (np.asarray(a, float) for a in (F, H, Q, R))
    # Predict: the dynamics move the mean and spread (and add) uncertainty.
    x_pred = F @ x
    P_pred = F @ P @ F.T + Q
    # Update: weigh the innovation by how much we trust the prediction vs the sensor.
    y = z - H @ x_pred
    S = H @ P_pred @ H.T + R
    K = np.linalg.solve(S, H @ P_pred).T        # = P_pred H^T S^-1 (S, P_pred symmetric)
    x_new = x_pred + K @ y
    P_new = (np.eye(len(x)) - K @ H) @ P_pred
    return x_new, P_new
