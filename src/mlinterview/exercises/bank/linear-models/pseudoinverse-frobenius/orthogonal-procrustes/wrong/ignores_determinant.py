"""Ignores rotation_only: returns U Vᵀ even when it is a reflection (det = -1)."""
import numpy as np


def procrustes(A, B, rotation_only=False):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    U, _, Vt = np.linalg.svd(A.T @ B)
    R = U @ Vt
    return R, float(np.linalg.norm(A @ R - B))
