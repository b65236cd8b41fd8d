"""Divides np.cov (which uses ddof=1) by np.var (ddof=0): the two normalisations no longer
cancel and the slope is n / (n - 1) times too large."""
import numpy as np


def fit_line(x, y):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    slope = np.cov(x, y)[0, 1] / np.var(x)
    return float(slope), float(y.mean() - slope * x.mean())
