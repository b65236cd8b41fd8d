"""Returns an empty array when the kernel is longer than the signal instead of raising."""
import numpy as np


def correlate1d(x, k, stride=1):
    x, k = np.asarray(x, dtype=float), np.asarray(k, dtype=float)
    n, m = len(x), len(k)
    return np.array([x[i:i + m] @ k for i in range(0, n - m + 1, stride)])
