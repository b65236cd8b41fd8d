"""Returns U diag(1/s) Vᵀ instead of V diag(1/s) Uᵀ: wrong shape for rectangular A and
wrong values for non-symmetric square A."""
import numpy as np


def pinv(A, rcond=1e-10):
    A = np.asarray(A, dtype=float)
    u, s, vt = np.linalg.svd(A, full_matrices=False)
    keep = s > rcond * s[0]
    return (u[:, keep] / s[keep]) @ vt[keep]
