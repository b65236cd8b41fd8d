"""Kalman gain divides by the measurement noise R instead of the innovation covariance S."""
import numpy as np


def predict_update(x, P, z, F, H, Q, R):
    x, P, z = np.asarray(x, float), np.asarray(P, float), np.asarray(z, float)
    F, H, Q, R = (np.asarray(a, float) for a in (F, H, Q, R))
    x_pred = F @ x
    P_pred = F @ P @ F.T + Q
    K = P_pred @ H.T @ np.linalg.inv(R)
    x_new = x_pred + K @ (z - H @ x_pred)
    return x_new, (np.eye(len(x)) - K @ H) @ P_pred
