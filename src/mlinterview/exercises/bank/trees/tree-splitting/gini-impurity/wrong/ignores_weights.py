"""Counts every sample once, ignoring sample_weight."""
import numpy as np


def gini_impurity(y, sample_weight=None):
    y = np.asarray(y)
    if len(y) == 0:
        return 0.0
    _, counts = np.unique(y, return_counts=True)
    p = counts / counts.sum()
    return float(1.0 - np.sum(p**2))
