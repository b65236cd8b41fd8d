import numpy as np


def ks_statistics(a, b):
    """The two-sample Kolmogorov-Smirnov statistics of samples `a` and `b`.

    Parameters
    ----------
    a, b : list of float, non-empty

    Returns
    -------
    (d, d_plus, d_minus) : tuple of float
        max |F_a - F_b|, max (F_a - F_b), max (F_b - F_a) over all observed values.
    """
    raise NotImplementedError("evaluate both empirical CDFs (share of values <= x) at "
                              "every value of both samples")
