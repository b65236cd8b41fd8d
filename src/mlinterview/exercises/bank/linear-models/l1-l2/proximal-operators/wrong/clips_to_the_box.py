"""Clips z to [-t, t] for the L1 penalty: that is the projection onto the L-infinity
ball, the complement of soft-thresholding (z = clip(z) + soft(z), Moreau's identity)."""
import numpy as np


def shrink(z, t, penalty):
    z = np.asarray(z, dtype=float)
    if penalty == "l1":
        return np.clip(z, -t, t)
    return z / (1 + t)
