"""Adds the singular values themselves (the nuclear norm) instead of their squares."""
import numpy as np


def frobenius_and_truncation(A, k):
    s = np.linalg.svd(np.asarray(A, dtype=float), compute_uv=False)
    return float(np.sum(s)), float(np.sum(s[k:]))
