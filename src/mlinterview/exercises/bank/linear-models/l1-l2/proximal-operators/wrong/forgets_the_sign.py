"""Soft-thresholds without the sign: max(z - t, 0) sends every negative coordinate to 0
instead of moving it up towards 0."""
import numpy as np


def shrink(z, t, penalty):
    z = np.asarray(z, dtype=float)
    if penalty == "l1":
        return np.maximum(z - t, 0.0)
    return z / (1 + t)
