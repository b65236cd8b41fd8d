"""Uses rcond as an absolute cutoff instead of rcond * s_max: a tiny-scaled matrix loses
all its directions."""
import numpy as np


def pinv(A, rcond=1e-10):
    A = np.asarray(A, dtype=float)
    m, n = A.shape
    if A.size == 0:
        return np.zeros((n, m))
    u, s, vt = np.linalg.svd(A, full_matrices=False)
    keep = s > rcond
    return (vt[keep].T / s[keep]) @ u[:, keep].T
