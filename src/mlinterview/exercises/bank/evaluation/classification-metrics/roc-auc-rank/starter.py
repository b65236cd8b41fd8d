import numpy as np


def roc_auc(y_true, scores, sample_weight=None):
    """ROC AUC = P(score of a positive > score of a negative), ties counting 1/2, weighted.

    Parameters
    ----------
    y_true : sequence of 0/1, length n
    scores : sequence of float, length n
    sample_weight : sequence of float >= 0, length n, or None (all ones)

    Returns
    -------
    float; nan when the positives or the negatives have total weight 0.
    """
    raise NotImplementedError("sort once; count the negative weight below each tied group")
