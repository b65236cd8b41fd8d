import numpy as np


def gini_impurity(y, sample_weight=None):
    """1 - sum_k p_k^2 with p_k the (weighted) share of class k; 0.0 for no samples."""
    y = np.asarray(y)
    if len(y) == 0:
        return 0.0
    w = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    _, codes = np.unique(y, return_inverse=True)      # labels -> 0 .. K-1
    class_weight = np.bincount(codes.ravel(), weights=w)
    p = class_weight / class_weight.sum()
    return float(1.0 - np.sum(p**2))
