"""Undoes the normalisation as T1^T F T2 instead of T2^T F T1."""
import numpy as np


def _norm(x):
    c = x.mean(axis=0)
    s = np.sqrt(2) / np.linalg.norm(x - c, axis=1).mean()
    T = np.array([[s, 0, -s * c[0]], [0, s, -s * c[1]], [0, 0, 1]])
    return T, np.column_stack([x, np.ones(len(x))]) @ T.T


def eight_point(x1, x2):
    T1, h1 = _norm(np.asarray(x1, dtype=float))
    T2, h2 = _norm(np.asarray(x2, dtype=float))
    A = (h2[:, :, None] * h1[:, None, :]).reshape(len(h1), 9)
    F = np.linalg.svd(A)[2][-1].reshape(3, 3)
    U, s, Vt = np.linalg.svd(F)
    return T1.T @ (U @ np.diag([s[0], s[1], 0.0]) @ Vt) @ T2
