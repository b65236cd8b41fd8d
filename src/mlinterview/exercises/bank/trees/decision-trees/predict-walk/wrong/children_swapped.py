"""Sends samples that pass the test to the right child instead of the left."""
import numpy as np


def predict_tree(children_left, children_right, feature, threshold, value, X):
    left, right = np.asarray(children_left), np.asarray(children_right)
    feature, threshold = np.asarray(feature), np.asarray(threshold, dtype=float)
    value, X = np.asarray(value, dtype=float), np.asarray(X, dtype=float)
    node = np.zeros(len(X), dtype=int)
    active = np.flatnonzero(left[node] != -1)
    while len(active):
        at = node[active]
        node[active] = np.where(X[active, feature[at]] <= threshold[at], right[at], left[at])
        active = active[left[node[active]] != -1]
    return np.argmax(value[node], axis=1)
