import numpy as np


def psi(reference, current, bins=10, eps=1e-4):
    """Population stability index of `current` against `reference`.

    Parameters
    ----------
    reference, current : list of float, non-empty
    bins : int >= 2, quantile bins of the reference
    eps : float in (0, 1), floor for a bin's share

    Returns
    -------
    float >= 0
    """
    raise NotImplementedError("edges at the reference's quantiles, shares per bin, "
                              "floor at eps, sum (A - E) ln(A / E)")
