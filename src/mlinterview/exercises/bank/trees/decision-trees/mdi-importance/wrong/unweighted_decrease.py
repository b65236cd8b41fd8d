"""Subtracts the children's impurities without weighting by their sample counts."""
import numpy as np


def mdi_importance(children_left, children_right, feature, impurity,
                   weighted_n_node_samples, n_features):
    left, right = np.asarray(children_left), np.asarray(children_right)
    feature, imp = np.asarray(feature), np.asarray(impurity, dtype=float)
    split = np.flatnonzero(left != -1)
    dec = imp[split] - imp[left[split]] - imp[right[split]]
    out = np.bincount(feature[split], weights=dec, minlength=n_features)
    return out / out.sum() if out.sum() > 0 else out
