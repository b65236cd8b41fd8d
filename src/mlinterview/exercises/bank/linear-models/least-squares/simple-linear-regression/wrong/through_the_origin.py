"""Forgets to centre: slope = Σxy / Σx² is the least-squares slope of a line forced
through the origin, not of a line with an intercept."""
import numpy as np


def fit_line(x, y):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    slope = np.dot(x, y) / np.dot(x, x)
    return float(slope), float(y.mean() - slope * x.mean())
