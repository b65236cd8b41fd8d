import numpy as np


def isolation_scores(trees, X, max_samples):
    """Mean path length over isolation trees, and the anomaly score 2^(-E[h] / c(psi)).

    Parameters
    ----------
    trees : list of dicts with arrays "left", "right" (-1 at leaves), "feature",
        "threshold" and "n_samples", one entry per node, root = node 0
    X : array-like of shape (n_points, n_features)
    max_samples : int psi, the subsample size the trees were grown on

    Returns
    -------
    (path, score) : float arrays of shape (n_points,). path = mean over trees of
        (leaf depth + c(n_samples at the leaf)), going left when x[feature] <= threshold;
        score = 2 ** (-path / c(max_samples)).
    """
    raise NotImplementedError("walk each tree, add c(leaf size), average, normalise")
