
import numpy as np


def permutation_pvalue(x, y):
    """Exact one-sided permutation p-value of mean(x) - mean(y).

    Parameters
    ----------
    x, y : sequence of float, lengths n_x >= 1 and n_y >= 1

    Returns
    -------
    float in (0, 1]
    """
    data = np.concatenate([np.asarray(x, float), np.asarray(y, float)])
    raise NotImplementedError("enumerate every split of data into groups of len(x), len(y)")
