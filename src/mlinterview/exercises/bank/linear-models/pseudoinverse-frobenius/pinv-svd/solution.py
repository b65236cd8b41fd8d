import numpy as np


def pinv(A, rcond=1e-10):
    """Moore-Penrose pseudoinverse of A (m, n) as an (n, m) array, via the SVD."""
    A = np.asarray(A, dtype=float)
    m, n = A.shape
    if A.size == 0:
        return np.zeros((n, m))
    u, s, vt = np.linalg.svd(A, full_matrices=False)
    keep = s > rcond * s[0]          # relative cutoff; an all-zero A keeps nothing
    # V diag(1/s) Uᵀ over the kept directions only.
    return (vt[keep].T / s[keep]) @ u[:, keep].T
