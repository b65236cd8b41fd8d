"""Counts how often each feature is used for a split, ignoring the impurity decrease."""
import numpy as np


def mdi_importance(children_left, children_right, feature, impurity,
                   weighted_n_node_samples, n_features):
    left, feature = np.asarray(children_left), np.asarray(feature)
    counts = np.bincount(feature[left != -1], minlength=n_features).astype(float)
    return counts / counts.sum() if counts.sum() > 0 else counts
