import numpy as np


def poisson_pmf(k, lam):
    """P(X = k) for X ~ Poisson(lam), elementwise over k.

    Parameters
    ----------
    k : sequence of int, shape (m,)
        Counts; negative counts have probability 0.
    lam : float >= 0
        The rate (mean) of the distribution.

    Returns
    -------
    ndarray of float, shape (m,)
    """
    k = np.asarray(k)
    raise NotImplementedError("k log(lam) - lam - lgamma(k + 1), then exp")
