"""Solves the unconstrained least-squares problem min ||A R - B|| (np.linalg.lstsq): the
best linear map, which stretches and shears, not an orthogonal one."""
import numpy as np


def procrustes(A, B, rotation_only=False):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    R = np.linalg.lstsq(A, B, rcond=None)[0]
    return R, float(np.linalg.norm(A @ R - B))
