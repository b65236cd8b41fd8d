import numpy as np
from scipy.special import gammaln, logsumexp, xlog1py, xlogy


def prob_at_least(k, n, p):
    """Sum the upper tail of the pmf in log space (no 1 - cdf cancellation)."""
    if k <= 0:
        return 1.0
    if k > n:
        return 0.0
    j = np.arange(k, n + 1, dtype=float)
    # log pmf; xlogy/xlog1py give 0 log 0 = 0 when p is exactly 0 or 1.
    with np.errstate(divide="ignore"):
        log_pmf = (gammaln(n + 1) - gammaln(j + 1) - gammaln(n - j + 1)
                   + xlogy(j, p) + xlog1py(n - j, -p))
    return float(np.exp(logsumexp(log_pmf)))
