import numpy as np


def correlate1d(x, k, stride=1):
    """Valid cross-correlation y[i] = sum_j x[i*stride + j] k[j] of 1-D arrays; length
    (len(x) - len(k)) // stride + 1. ValueError if k is longer than x."""
    x = np.asarray(x, dtype=float)
    k = np.asarray(k, dtype=float)
    n, m = len(x), len(k)
    if m > n:
        raise ValueError(f"the kernel (length {m}) is longer than the signal (length {n})")
    out_len = (n - m) // stride + 1
    # Row i holds the window x[i·s : i·s + m]: an (out_len, m) matrix of indices.
    idx = stride * np.arange(out_len)[:, None] + np.arange(m)[None, :]
    return x[idx] @ k
