import numpy as np


def em_step(x, weights, means, variances):
    """One EM iteration for a 1-D Gaussian mixture.

    Parameters
    ----------
    x : array-like (n,)
    weights, means, variances : array-like (K,)

    Returns
    -------
    (new_weights (K,), new_means (K,), new_variances (K,), log_likelihood float), the
    log-likelihood being that of the input parameters.
    """
    x = np.asarray(x, dtype=float)
    raise NotImplementedError("log-densities (n, K), log-sum-exp per row, weighted moments")
