import numpy as np


def smote(X, y, n_new, k, seed):
    """n_new synthetic minority points on segments to k nearest minority neighbours.

    Parameters
    ----------
    X : array of shape (n_samples, n_features)
    y : array of 0/1 labels, shape (n_samples,); the minority class is the rarer label
    n_new : int >= 0, number of points to create
    k : int >= 1, neighbours per minority row (fewer than the minority rows)
    seed : int, for np.random.default_rng

    Returns
    -------
    ndarray of shape (n_new, n_features)
    """
    raise NotImplementedError("k nearest minority neighbours, then x_i + u * (x_nn - x_i)")
