"""Hard-thresholds instead of soft-thresholding: keeps |z| > t unchanged rather than
moving it t towards 0 (the proximal operator of an L0 penalty, not of L1)."""
import numpy as np


def shrink(z, t, penalty):
    z = np.asarray(z, dtype=float)
    if penalty == "l1":
        return np.where(np.abs(z) > t, z, 0.0)
    return z / (1 + t)
