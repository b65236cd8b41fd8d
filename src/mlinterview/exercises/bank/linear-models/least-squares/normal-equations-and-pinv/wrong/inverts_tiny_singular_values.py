"""Pseudoinverse that inverts every singular value, including the rounding-noise ones of a
rank-deficient A, so x blows up."""
import numpy as np


def least_squares(A, b, method="normal"):
    A = np.asarray(A, dtype=float)
    b = np.asarray(b, dtype=float)
    u, s, vt = np.linalg.svd(A, full_matrices=False)
    return vt.T @ ((u.T @ b) / s)
