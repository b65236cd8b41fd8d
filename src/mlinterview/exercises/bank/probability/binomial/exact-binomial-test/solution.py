import numpy as np
from scipy.special import gammaln, xlog1py, xlogy


def binom_test_pvalue(k, n, p):
    """Exact two-sided binomial test p-value (outcomes no more likely than k)."""
    j = np.arange(n + 1, dtype=float)
    # log pmf of every outcome; xlogy / xlog1py give 0 log 0 = 0 at p = 0 or 1.
    with np.errstate(divide="ignore"):
        log_pmf = (gammaln(n + 1) - gammaln(j + 1) - gammaln(n - j + 1)
                   + xlogy(j, p) + xlog1py(n - j, -p))
    pmf = np.exp(log_pmf)
    # "No more likely than the observed outcome", with SciPy's relative slack so that
    # outcomes tied with k in exact arithmetic are not lost to rounding.
    as_extreme = pmf <= pmf[k] * (1 + 1e-7)
    return float(min(1.0, pmf[as_extreme].sum()))
