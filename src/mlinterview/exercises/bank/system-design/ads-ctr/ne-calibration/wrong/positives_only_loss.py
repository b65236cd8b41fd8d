"""Drops the non-clicks' term of the log loss: -mean(y ln p)."""
import numpy as np


def ne_and_calibration(y_true, p):
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(p, dtype=float)
    log_loss = -np.mean(y * np.log(p))
    r = y.mean()
    entropy = -(r * np.log(r) + (1 - r) * np.log(1 - r))
    return float(log_loss / entropy), float(p.sum() / y.sum())
