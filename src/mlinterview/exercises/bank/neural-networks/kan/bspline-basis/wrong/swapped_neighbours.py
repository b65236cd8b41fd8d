"""Multiplies the left weight by B_{i+1} and the right weight by B_i (the neighbours swapped)."""
import numpy as np


def bspline_basis(x, knots, k):
    x = np.asarray(x, dtype=float)[:, None]      # (n, 1): broadcasts against the knots
    t = np.asarray(knots, dtype=float)
    # Degree 0: the indicator of the half-open interval [t_i, t_{i+1}).
    B = ((x >= t[:-1]) & (x < t[1:])).astype(float)
    for p in range(1, k + 1):
        # Column i of the new B combines columns i and i + 1 of the previous one.
        left = (x - t[:-(p + 1)]) / (t[p:-1] - t[:-(p + 1)]) * B[:, 1:]
        right = (t[p + 1:] - x) / (t[p + 1:] - t[1:-p]) * B[:, :-1]
        B = left + right
    return B
