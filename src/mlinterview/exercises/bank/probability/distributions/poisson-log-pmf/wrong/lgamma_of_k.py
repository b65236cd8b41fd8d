"""Off by one in the factorial: log(k!) taken as lgamma(k) instead of lgamma(k + 1)."""
import numpy as np
from scipy.special import gammaln, xlogy


def poisson_pmf(k, lam):
    k = np.asarray(k, dtype=float)
    kk = np.where(k > 0, k, 1.0)
    p = np.exp(xlogy(kk, lam) - lam - gammaln(kk))
    return np.where(k > 0, p, np.where(k == 0, np.exp(-lam), 0.0))
