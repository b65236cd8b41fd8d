"""Returns the relative information gain 1 - NE under the name NE."""
import numpy as np


def ne_and_calibration(y_true, p):
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(p, dtype=float)
    log_loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    r = y.mean()
    entropy = -(r * np.log(r) + (1 - r) * np.log(1 - r))
    return float(1 - log_loss / entropy), float(p.sum() / y.sum())
