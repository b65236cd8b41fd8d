"""Tests x[node] instead of x[feature[node]]: the wrong column."""
import numpy as np


def predict_tree(children_left, children_right, feature, threshold, value, X):
    left, right = np.asarray(children_left), np.asarray(children_right)
    threshold = np.asarray(threshold, dtype=float)
    value, X = np.asarray(value, dtype=float), np.asarray(X, dtype=float)
    node = np.zeros(len(X), dtype=int)
    active = np.flatnonzero(left[node] != -1)
    while len(active):
        at = node[active]
        col = at % X.shape[1]
        node[active] = np.where(X[active, col] <= threshold[at], left[at], right[at])
        active = active[left[node[active]] != -1]
    return np.argmax(value[node], axis=1)
