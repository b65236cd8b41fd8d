"""Divides by the total without a guard: a single leaf gives NaN instead of zeros."""
import numpy as np


def mdi_importance(children_left, children_right, feature, impurity,
                   weighted_n_node_samples, n_features):
    left, right = np.asarray(children_left), np.asarray(children_right)
    feature, imp = np.asarray(feature), np.asarray(impurity, dtype=float)
    w = np.asarray(weighted_n_node_samples, dtype=float)
    s = np.flatnonzero(left != -1)
    dec = w[s] * imp[s] - w[left[s]] * imp[left[s]] - w[right[s]] * imp[right[s]]
    out = np.bincount(feature[s], weights=dec, minlength=n_features)
    with np.errstate(invalid="ignore", divide="ignore"):
        return out / out.sum()
