"""Returns the misclassification error 1 - max p_k instead of the Gini impurity."""
import numpy as np


def gini_impurity(y, sample_weight=None):
    y = np.asarray(y)
    if len(y) == 0:
        return 0.0
    w = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    _, codes = np.unique(y, return_inverse=True)
    p = np.bincount(codes.ravel(), weights=w) / w.sum()
    return float(1.0 - p.max())
