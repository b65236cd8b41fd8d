"""1 - P(X <= k - 1): right in exact arithmetic, but a tiny tail cancels to 0."""
import numpy as np
from scipy.special import gammaln, xlog1py, xlogy


def prob_at_least(k, n, p):
    if k <= 0:
        return 1.0
    if k > n:
        return 0.0
    j = np.arange(0, k, dtype=float)
    with np.errstate(divide="ignore"):
        log_pmf = (gammaln(n + 1) - gammaln(j + 1) - gammaln(n - j + 1)
                   + xlogy(j, p) + xlog1py(n - j, -p))
    return float(max(0.0, 1.0 - np.exp(log_pmf).sum()))
