"""Log loss in nats but the entropy in bits: NE off by a factor ln 2."""
import numpy as np


def ne_and_calibration(y_true, p):
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(p, dtype=float)
    log_loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    r = y.mean()
    entropy = -(r * np.log2(r) + (1 - r) * np.log2(1 - r))
    return float(log_loss / entropy), float(p.sum() / y.sum())
