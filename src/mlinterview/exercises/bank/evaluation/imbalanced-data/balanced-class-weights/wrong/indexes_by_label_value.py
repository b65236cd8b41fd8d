"""Looks up each sample's weight as class_weight[y], indexing by the label VALUE, which
only works when the labels are exactly 0..K-1 (negative labels silently wrap around)."""
import numpy as np


def balanced_weights(y):
    y = np.asarray(y)
    classes, counts = np.unique(y, return_counts=True)
    w = len(y) / (len(classes) * counts)
    return classes, w, w[y]
