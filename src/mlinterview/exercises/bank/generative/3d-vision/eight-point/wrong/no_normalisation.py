"""Skips Hartley normalisation: the SVD runs on raw pixel coordinates."""
import numpy as np


def eight_point(x1, x2):
    x1, x2 = np.asarray(x1, dtype=float), np.asarray(x2, dtype=float)
    h1 = np.column_stack([x1, np.ones(len(x1))])
    h2 = np.column_stack([x2, np.ones(len(x2))])
    A = (h2[:, :, None] * h1[:, None, :]).reshape(len(x1), 9)
    F = np.linalg.svd(A)[2][-1].reshape(3, 3)
    U, s, Vt = np.linalg.svd(F)
    return U @ np.diag([s[0], s[1], 0.0]) @ Vt
