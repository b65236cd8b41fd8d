"""Takes the entropy of the mean prediction instead of the observed click rate: a model
that is wrong about the rate gets a larger denominator and looks better."""
import numpy as np


def ne_and_calibration(y_true, p):
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(p, dtype=float)
    log_loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    r = p.mean()
    entropy = -(r * np.log(r) + (1 - r) * np.log(1 - r))
    return float(log_loss / entropy), float(p.sum() / y.sum())
