"""Uses the normal equations for both methods: breaks (or is not minimum-norm) when
columns are dependent."""
import numpy as np


def least_squares(A, b, method="normal"):
    A = np.asarray(A, dtype=float)
    b = np.asarray(b, dtype=float)
    return np.linalg.solve(A.T @ A + 1e-12 * np.eye(A.shape[1]), A.T @ b)
