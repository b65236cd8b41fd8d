import numpy as np


def mdi_importance(children_left, children_right, feature, impurity,
                   weighted_n_node_samples, n_features):
    """Mean decrease in impurity per feature, shape (n_features,), summing to 1 (or 0)."""
    left = np.asarray(children_left)
    right = np.asarray(children_right)
    feature = np.asarray(feature)
    imp = np.asarray(impurity, dtype=float)
    w = np.asarray(weighted_n_node_samples, dtype=float)
    split = np.flatnonzero(left != -1)             # internal nodes only
    l, r = left[split], right[split]
    # Weighted impurity the split removes: parent's minus both children's.
    decrease = w[split] * imp[split] - w[l] * imp[l] - w[r] * imp[r]
    importance = np.bincount(feature[split], weights=decrease, minlength=n_features)
    total = importance.sum()
    return importance / total if total > 0 else importance
