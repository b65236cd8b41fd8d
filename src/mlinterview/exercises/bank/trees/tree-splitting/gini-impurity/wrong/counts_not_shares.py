"""Squares the class counts over n instead of the proportions: sum c_k^2 / n."""
import numpy as np


def gini_impurity(y, sample_weight=None):
    y = np.asarray(y)
    if len(y) == 0:
        return 0.0
    w = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    _, codes = np.unique(y, return_inverse=True)
    c = np.bincount(codes.ravel(), weights=w)
    return float(1.0 - np.sum(c**2) / c.sum())
