"""Update uses the previous covariance P instead of the predicted P- = F P F^T + Q."""
import numpy as np


def predict_update(x, P, z, F, H, Q, R):
    x, P, z = np.asarray(x, float), np.asarray(P, float), np.asarray(z, float)
    F, H, R = (np.asarray(a, float) for a in (F, H, R))
    x_pred = F @ x
    S = H @ P @ H.T + R
    K = P @ H.T @ np.linalg.inv(S)
    x_new = x_pred + K @ (z - H @ x_pred)
    return x_new, (np.eye(len(x)) - K @ H) @ P
