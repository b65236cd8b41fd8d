"""Off by one: computes P(X > k) instead of P(X >= k)."""
import numpy as np
from scipy.special import gammaln, logsumexp, xlog1py, xlogy


def prob_at_least(k, n, p):
    if k < 0:
        return 1.0
    if k >= n:
        return 0.0
    j = np.arange(k + 1, n + 1, dtype=float)
    with np.errstate(divide="ignore"):
        log_pmf = (gammaln(n + 1) - gammaln(j + 1) - gammaln(n - j + 1)
                   + xlogy(j, p) + xlog1py(n - j, -p))
    return float(np.exp(logsumexp(log_pmf)))
