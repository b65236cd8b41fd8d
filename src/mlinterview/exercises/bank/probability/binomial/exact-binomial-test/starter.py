import numpy as np
from scipy.special import gammaln, xlog1py, xlogy


def binom_test_pvalue(k, n, p):
    """Exact two-sided binomial test p-value (outcomes no more likely than k).

    Parameters
    ----------
    k : int, 0 <= k <= n
    n : int, 1 <= n <= 20000
    p : float in [0, 1]

    Returns
    -------
    float in [0, 1]
    """
    raise NotImplementedError("pmf of every j; sum those <= pmf(k) * (1 + 1e-7); cap at 1")
