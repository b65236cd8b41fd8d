import numpy as np


def balanced_weights(y):
    """scikit-learn's "balanced" class weights n / (K * count(c)), per class and per sample.

    Parameters
    ----------
    y : sequence of labels (ints or strings), length n >= 1

    Returns
    -------
    (classes, class_weight, sample_weight) : sorted distinct labels (K,), their weights
        (K,) as floats, and each sample's weight (n,) in the order of y.
    """
    raise NotImplementedError("count each class, then divide")
