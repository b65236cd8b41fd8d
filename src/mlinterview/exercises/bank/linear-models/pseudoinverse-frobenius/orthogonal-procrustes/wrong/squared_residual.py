"""Reports the squared residual ||A||² + ||B||² - 2 trace(Rᵀ M) (the objective) instead of
the norm ||A R - B||_F itself."""
import numpy as np


def procrustes(A, B, rotation_only=False):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    M = A.T @ B
    U, _, Vt = np.linalg.svd(M)
    if rotation_only and np.linalg.det(U @ Vt) < 0:
        U[:, -1] = -U[:, -1]
    R = U @ Vt
    return R, float(max(np.sum(A * A) + np.sum(B * B) - 2 * np.trace(R.T @ M), 0.0))
