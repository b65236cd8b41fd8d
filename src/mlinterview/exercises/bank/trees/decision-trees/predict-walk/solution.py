import numpy as np


def predict_tree(children_left, children_right, feature, threshold, value, X):
    """Class index predicted by a fitted tree for each row of X (see the statement)."""
    left = np.asarray(children_left)
    right = np.asarray(children_right)
    feature = np.asarray(feature)
    threshold = np.asarray(threshold, dtype=float)
    value = np.asarray(value, dtype=float)
    X = np.asarray(X, dtype=float)
    node = np.zeros(len(X), dtype=int)
    active = np.flatnonzero(left[node] != -1)
    # All samples step down together; the loop runs once per level of the tree.
    while len(active):
        at = node[active]
        go_left = X[active, feature[at]] <= threshold[at]
        node[active] = np.where(go_left, left[at], right[at])
        active = active[left[node[active]] != -1]
    return np.argmax(value[node], axis=1)
