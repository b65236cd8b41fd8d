"""Standardises with the variance n p (1 - p) instead of the standard deviation (its
square root)."""
import numpy as np
from scipy.special import ndtr


def binom_cdf_normal(k, n, p):
    k = np.asarray(k, dtype=float)
    mu, var = n * p, n * p * (1 - p)
    if var == 0:
        return np.where(k + 0.5 >= mu, 1.0, 0.0)
    return ndtr((k + 0.5 - mu) / var)
