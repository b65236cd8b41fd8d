"""Treats least squares as an exact system: solves the first n equations and ignores the rest."""
import numpy as np


def least_squares(A, b, method="normal"):
    A = np.asarray(A, dtype=float)
    b = np.asarray(b, dtype=float)
    n = A.shape[1]
    return np.linalg.lstsq(A[:n], b[:n], rcond=None)[0]
