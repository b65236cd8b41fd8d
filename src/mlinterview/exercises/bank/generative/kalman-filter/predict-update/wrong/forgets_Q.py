"""Prediction forgets the process noise Q: the filter grows overconfident."""
import numpy as np


def predict_update(x, P, z, F, H, Q, R):
    x, P, z = np.asarray(x, float), np.asarray(P, float), np.asarray(z, float)
    F, H, R = (np.asarray(a, float) for a in (F, H, R))
    x_pred = F @ x
    P_pred = F @ P @ F.T
    S = H @ P_pred @ H.T + R
    K = P_pred @ H.T @ np.linalg.inv(S)
    x_new = x_pred + K @ (z - H @ x_pred)
    return x_new, (np.eye(len(x)) - K @ H) @ P_pred
