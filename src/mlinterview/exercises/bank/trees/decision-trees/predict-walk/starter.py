import numpy as np


def predict_tree(children_left, children_right, feature, threshold, value, X):
    """Class index predicted by a fitted tree for each row of X.

    Parameters
    ----------
    children_left, children_right : sequence of int, length n_nodes (-1 for a leaf)
    feature : sequence of int, length n_nodes (ignored at leaves)
    threshold : sequence of float, length n_nodes; go left when x[feature] <= threshold
    value : array-like of shape (n_nodes, n_classes)
    X : array-like of shape (n_samples, n_features)

    Returns
    -------
    ndarray of int, shape (n_samples,): argmax of the value of each sample's leaf.
    """
    X = np.asarray(X, dtype=float)
    raise NotImplementedError("walk every sample from the root to a leaf")
