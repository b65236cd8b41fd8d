"""Inverts every singular value, so a rank-deficient A gives inf or huge entries."""
import numpy as np


def pinv(A, rcond=1e-10):
    A = np.asarray(A, dtype=float)
    u, s, vt = np.linalg.svd(A, full_matrices=False)
    with np.errstate(divide="ignore"):
        return (vt.T / s) @ u.T
