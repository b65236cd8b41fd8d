"""Uses t_{i+p} instead of t_{i+p+1} in the right-hand weight of the recursion."""
import numpy as np


def bspline_basis(x, knots, k):
    x = np.asarray(x, dtype=float)[:, None]      # (n, 1): broadcasts against the knots
    t = np.asarray(knots, dtype=float)
    # Degree 0: the indicator of the half-open interval [t_i, t_{i+1}).
    B = ((x >= t[:-1]) & (x < t[1:])).astype(float)
    for p in range(1, k + 1):
        # Column i of the new B combines columns i and i + 1 of the previous one.
        left = (x - t[:-(p + 1)]) / (t[p:-1] - t[:-(p + 1)]) * B[:, :-1]
        right = (t[p:-1] - x) / (t[p:-1] - t[:-(p + 1)]) * B[:, 1:]
        B = left + right
    return B
