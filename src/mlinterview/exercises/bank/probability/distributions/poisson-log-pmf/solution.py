import numpy as np
from scipy.special import gammaln, xlogy


def poisson_pmf(k, lam):
    """P(X = k) for X ~ Poisson(lam), computed as exp(log P) so nothing overflows."""
    k = np.asarray(k, dtype=float)
    valid = k >= 0
    # Evaluate the formula at 0 where k is negative (the result is masked out below), so
    # lgamma never sees a pole.
    kk = np.where(valid, k, 0.0)
    # log P(k) = k log(lam) - lam - log(k!), and log(k!) = lgamma(k + 1). xlogy gives
    # 0 * log(0) = 0, so lam = 0 puts probability 1 on k = 0 and exp(-inf) = 0 elsewhere.
    log_pmf = xlogy(kk, lam) - lam - gammaln(kk + 1)
    return np.where(valid, np.exp(log_pmf), 0.0)
