import numpy as np


def ne_and_calibration(y_true, p):
    """(NE, calibration ratio): log loss over the base rate's entropy; Σp / Σy."""
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(p, dtype=float)
    log_loss = -np.mean(y * np.log(p) + (1 - y) * np.log1p(-p))
    r = y.mean()                                   # the base rate: the best constant
    entropy = -(r * np.log(r) + (1 - r) * np.log1p(-r))
    return float(log_loss / entropy), float(p.sum() / y.sum())
