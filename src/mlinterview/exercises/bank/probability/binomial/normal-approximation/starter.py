import numpy as np
from scipy.special import ndtr


def binom_cdf_normal(k, n, p):
    """Normal approximation, with continuity correction, of P(X <= k), X ~ Binomial(n, p).

    Parameters
    ----------
    k : sequence of int, shape (m,)
    n : int >= 1
    p : float in [0, 1]

    Returns
    -------
    ndarray of float, shape (m,)
    """
    k = np.asarray(k, dtype=float)
    raise NotImplementedError("Phi((k + 0.5 - n p) / sqrt(n p (1 - p)))")
