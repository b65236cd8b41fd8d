import numpy as np


def bce_with_logits(logits, targets, pos_weight=None):
    """Mean binary cross-entropy of sigmoid(logits) against targets, over every cell.

    Parameters
    ----------
    logits : array-like of shape (n_samples, n_labels)
    targets : array-like of the same shape, values in [0, 1]
    pos_weight : None or sequence of n_labels weights for the positive term of each label

    Returns
    -------
    float, finite even for logits of +-1000.
    """
    raise NotImplementedError("log-sigmoid computed stably, one term per cell, then the mean")
