"""Doubles the smaller one-sided tail, min(1, 2 min(P(X <= k), P(X >= k))): a different
two-sided test, which disagrees with the exact test whenever the pmf is not symmetric."""
import numpy as np
from scipy.special import gammaln, xlog1py, xlogy


def binom_test_pvalue(k, n, p):
    j = np.arange(n + 1, dtype=float)
    with np.errstate(divide="ignore"):
        pmf = np.exp(gammaln(n + 1) - gammaln(j + 1) - gammaln(n - j + 1)
                     + xlogy(j, p) + xlog1py(n - j, -p))
    lower, upper = pmf[: k + 1].sum(), pmf[k:].sum()
    return float(min(1.0, 2 * min(lower, upper)))
