import numpy as np
from scipy.special import ndtr


def binom_cdf_normal(k, n, p):
    """Normal approximation, with continuity correction, of P(X <= k), X ~ Binomial(n, p)."""
    k = np.asarray(k, dtype=float)
    mu = n * p
    sigma = np.sqrt(n * p * (1 - p))
    x = k + 0.5                      # the bar of integer k reaches k + 0.5
    if sigma == 0:
        # A point mass at mu: its CDF is a step.
        return np.where(x >= mu, 1.0, 0.0)
    return ndtr((x - mu) / sigma)
