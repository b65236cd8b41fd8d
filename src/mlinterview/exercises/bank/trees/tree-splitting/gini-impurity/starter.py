import numpy as np


def gini_impurity(y, sample_weight=None):
    """Gini impurity 1 - sum_k p_k^2 of the labels y (weighted shares if weights are given).

    Parameters
    ----------
    y : sequence of labels, length n
    sample_weight : sequence of float of length n, or None

    Returns
    -------
    float
    """
    y = np.asarray(y)
    raise NotImplementedError("class shares, then one minus the sum of their squares")
