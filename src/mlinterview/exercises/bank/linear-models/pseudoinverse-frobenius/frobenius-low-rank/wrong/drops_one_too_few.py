"""Off by one in the tail: sums s_k, s_{k+1}, ... (1-based), so the k-th kept singular value
is counted as an error too."""
import numpy as np


def frobenius_and_truncation(A, k):
    s = np.linalg.svd(np.asarray(A, dtype=float), compute_uv=False)
    return float(np.sqrt(np.sum(s**2))), float(np.sqrt(np.sum(s[max(k - 1, 0):] ** 2)))
