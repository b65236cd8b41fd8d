import numpy as np


def best_variance_split(x, y, min_samples_leaf=1):
    """Threshold on x with the largest variance reduction of y, and that reduction.

    Parameters
    ----------
    x, y : sequences of float, length n
    min_samples_leaf : int >= 1, the smallest child allowed

    Returns
    -------
    (threshold, gain) : (float, float), or (None, 0.0) when no split is allowed
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    raise NotImplementedError("sort, centre y, cumulative sums, score every midpoint")
