import numpy as np


def kfold_mse(X, y, n_splits):
    """Per-fold test MSE of least squares (with intercept) under k-fold CV, no shuffling.

    Parameters
    ----------
    X : array of shape (n_samples, n_features)
    y : array of shape (n_samples,)
    n_splits : int, 2 <= n_splits <= n_samples

    Returns
    -------
    list of n_splits floats: the mean squared error on each test fold, in order. The
    first n_samples % n_splits folds hold one row more than the others.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    raise NotImplementedError("cut the folds, fit on the rest, score the fold")
