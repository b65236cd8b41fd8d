import numpy as np


def mutual_information(x, y, base=2.0):
    """Mutual information of the empirical joint distribution of two label arrays.

    Parameters
    ----------
    x, y : sequence of length n (integers or strings)
    base : float, base of the logarithm

    Returns
    -------
    float >= 0
    """
    raise NotImplementedError("contingency table -> p(a,b), p(a), p(b) -> sum p log ratio")
