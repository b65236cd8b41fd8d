"""Flips the kernel (np.convolve, the signal-processing convolution) instead of a
cross-correlation."""
import numpy as np


def correlate1d(x, k, stride=1):
    x, k = np.asarray(x, dtype=float), np.asarray(k, dtype=float)
    if len(k) > len(x):
        raise ValueError("kernel longer than signal")
    return np.convolve(x, k, mode="valid")[::stride]
