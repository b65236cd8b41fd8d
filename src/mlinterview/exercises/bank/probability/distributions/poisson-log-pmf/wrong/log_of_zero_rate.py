"""Writes k * log(lam) instead of xlogy: at lam = 0 and k = 0 that is 0 * (-inf) = NaN,
where the answer is P(0) = 1."""
import numpy as np
from scipy.special import gammaln


def poisson_pmf(k, lam):
    k = np.asarray(k, dtype=float)
    kk = np.where(k >= 0, k, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_pmf = kk * np.log(lam) - lam - gammaln(kk + 1)
    return np.where(k >= 0, np.exp(log_pmf), 0.0)
