"""Compares pmf(j) <= pmf(k) exactly: outcomes tied with k in exact arithmetic but
computed a few ulps higher are dropped, and the p-value comes out too small."""
import numpy as np
from scipy.special import gammaln, xlog1py, xlogy


def binom_test_pvalue(k, n, p):
    j = np.arange(n + 1, dtype=float)
    with np.errstate(divide="ignore"):
        pmf = np.exp(gammaln(n + 1) - gammaln(j + 1) - gammaln(n - j + 1)
                     + xlogy(j, p) + xlog1py(n - j, -p))
    return float(min(1.0, pmf[pmf <= pmf[k]].sum()))
