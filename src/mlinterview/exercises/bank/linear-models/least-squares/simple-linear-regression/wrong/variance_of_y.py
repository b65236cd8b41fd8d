"""Divides the covariance by the variance of y instead of x: that is the reciprocal of the
slope of the regression of x on y, not the regression of y on x."""
import numpy as np


def fit_line(x, y):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    dx, dy = x - x.mean(), y - y.mean()
    slope = np.dot(dx, dy) / np.dot(dy, dy)
    return float(slope), float(y.mean() - slope * x.mean())
