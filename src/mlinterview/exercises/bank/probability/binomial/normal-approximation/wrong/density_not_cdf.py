"""Evaluates the normal density at the standardised point instead of the cumulative
distribution function: a height, not a probability of X <= k."""
import numpy as np


def binom_cdf_normal(k, n, p):
    k = np.asarray(k, dtype=float)
    mu, sigma = n * p, np.sqrt(n * p * (1 - p))
    if sigma == 0:
        return np.where(k + 0.5 >= mu, 1.0, 0.0)
    z = (k + 0.5 - mu) / sigma
    return np.exp(-0.5 * z * z) / np.sqrt(2 * np.pi)
