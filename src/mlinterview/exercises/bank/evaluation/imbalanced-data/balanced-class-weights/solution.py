import numpy as np


def balanced_weights(y):
    """scikit-learn's "balanced" class weights n / (K * count(c)), per class and per sample."""
    y = np.asarray(y)
    # Sorted classes, each sample's position among them, and the count of each class.
    classes, index, counts = np.unique(y, return_inverse=True, return_counts=True)
    n, K = len(y), len(classes)

    # Every class gets the same total weight n / K, shared among its count(c) samples.
    class_weight = n / (K * counts)

    # A sample's weight is its class's: index by position, not by label value (labels
    # need not be 0..K-1).
    sample_weight = class_weight[index.reshape(-1)]
    return classes, class_weight, sample_weight
