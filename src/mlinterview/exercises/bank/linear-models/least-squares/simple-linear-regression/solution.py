import numpy as np


def fit_line(x, y):
    """Least-squares line through (x, y)."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    # Centre first: deviations from the means are small numbers, so the products below
    # keep their digits even when x is near 1e8.
    dx = x - x.mean()
    dy = y - y.mean()
    slope = np.dot(dx, dy) / np.dot(dx, dx)
    intercept = y.mean() - slope * x.mean()     # the line passes through (x̄, ȳ)
    return float(slope), float(intercept)
