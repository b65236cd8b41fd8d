import numpy as np


def responsibilities(X, weights, means, covariances):
    """P(component k | x_i) for a Gaussian mixture, shape (n_samples, n_components).

    Parameters
    ----------
    X : array-like (n_samples, n_features)
    weights : array-like (n_components,)
    means : array-like (n_components, n_features)
    covariances : array-like (n_components, n_features, n_features)
    """
    X = np.asarray(X, dtype=float)
    raise NotImplementedError("log weight + log density per component, then log-sum-exp")
