import numpy as np
from scipy.special import digamma, polygamma


def fit_gamma(x):
    """Method-of-moments and maximum-likelihood fits of a gamma(shape a, rate b).

    Parameters
    ----------
    x : sequence of float, shape (n,), positive, n >= 2, not all equal

    Returns
    -------
    ((a_mom, b_mom), (a_mle, b_mle)) : two tuples of two floats
    """
    x = np.asarray(x, dtype=float)
    raise NotImplementedError("moments in closed form; Newton on log(a) - digamma(a) = s")
