"""Counts n - m windows instead of n - m + 1 (range(n - m)), so the last valid position is
lost."""
import numpy as np


def correlate1d(x, k, stride=1):
    x, k = np.asarray(x, dtype=float), np.asarray(k, dtype=float)
    n, m = len(x), len(k)
    if m > n:
        raise ValueError("kernel longer than signal")
    return np.array([x[i:i + m] @ k for i in range(0, n - m, stride)])
