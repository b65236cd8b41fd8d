"""Returns the sums of squares themselves: ||A||_F² and ||A - A_k||_F², not the norms."""
import numpy as np


def frobenius_and_truncation(A, k):
    s = np.linalg.svd(np.asarray(A, dtype=float), compute_uv=False)
    return float(np.sum(s**2)), float(np.sum(s[k:] ** 2))
