"""Applies the correction in the wrong direction, k - 0.5: that approximates P(X < k), the
right correction for an upper tail P(X >= k), not for P(X <= k)."""
import numpy as np
from scipy.special import ndtr


def binom_cdf_normal(k, n, p):
    k = np.asarray(k, dtype=float)
    mu, sigma = n * p, np.sqrt(n * p * (1 - p))
    if sigma == 0:
        return np.where(k - 0.5 >= mu, 1.0, 0.0)
    return ndtr((k - 0.5 - mu) / sigma)
