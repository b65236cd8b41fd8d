"""Believes the two estimators coincide (they do for the normal distribution, not for
the gamma) and returns the method-of-moments fit as the MLE."""
import numpy as np


def fit_gamma(x):
    x = np.asarray(x, dtype=float)
    m = x.mean()
    v = np.mean((x - m) ** 2)
    fit = (m * m / v, m / v)
    return fit, fit
