"""Takes one step from the root and reads that node's value (stops before the leaf)."""
import numpy as np


def predict_tree(children_left, children_right, feature, threshold, value, X):
    left, right = np.asarray(children_left), np.asarray(children_right)
    feature, threshold = np.asarray(feature), np.asarray(threshold, dtype=float)
    value, X = np.asarray(value, dtype=float), np.asarray(X, dtype=float)
    if left[0] == -1:
        return np.argmax(np.repeat(value[:1], len(X), axis=0), axis=1)
    node = np.where(X[:, feature[0]] <= threshold[0], left[0], right[0])
    return np.argmax(value[node], axis=1)
