"""Divides the covariance by var(y) instead of var(x): the slope of x on y, not of y on
x."""
import numpy as np


def cuped_estimate(y, x, treatment):
    y = np.asarray(y, dtype=float)
    x = np.asarray(x, dtype=float)
    treated = np.asarray(treatment).astype(bool)
    xc, yc = x - x.mean(), y - y.mean()
    theta = xc @ yc / (yc @ yc)
    adjusted = y - theta * xc
    a, b = adjusted[treated], adjusted[~treated]
    return float(a.mean() - b.mean()), float(np.sqrt(a.var(ddof=1) / a.size
                                                      + b.var(ddof=1) / b.size))
