import numpy as np


def adaboost_step(sample_weight, y_true, y_pred, n_classes, learning_rate=1.0):
    """One SAMME round.

    Parameters
    ----------
    sample_weight : sequence of float, length n, summing to 1
    y_true, y_pred : sequences of int, length n
    n_classes : int, K >= 2
    learning_rate : float > 0

    Returns
    -------
    (err, alpha, new_weight) : (float, float, ndarray of shape (n,)) with new_weight
    summing to 1.
    """
    w = np.asarray(sample_weight, dtype=float)
    raise NotImplementedError("weighted error, alpha, boost the mistakes, renormalise")
