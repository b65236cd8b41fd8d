"""Uses the spectral norm (the largest singular value) instead of the Frobenius norm, and
its Eckart-Young error s_{k+1} instead of the root of the sum of the dropped squares."""
import numpy as np


def frobenius_and_truncation(A, k):
    s = np.linalg.svd(np.asarray(A, dtype=float), compute_uv=False)
    return float(s[0]), float(s[k]) if k < s.size else 0.0
