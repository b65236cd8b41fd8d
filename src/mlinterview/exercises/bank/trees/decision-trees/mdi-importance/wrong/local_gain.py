"""Uses each split's local gain, ignoring the share of samples that reach the node."""
import numpy as np


def mdi_importance(children_left, children_right, feature, impurity,
                   weighted_n_node_samples, n_features):
    left, right = np.asarray(children_left), np.asarray(children_right)
    feature, imp = np.asarray(feature), np.asarray(impurity, dtype=float)
    w = np.asarray(weighted_n_node_samples, dtype=float)
    s = np.flatnonzero(left != -1)
    l, r = left[s], right[s]
    dec = imp[s] - w[l] / w[s] * imp[l] - w[r] / w[s] * imp[r]
    out = np.bincount(feature[s], weights=dec, minlength=n_features)
    return out / out.sum() if out.sum() > 0 else out
