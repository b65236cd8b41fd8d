import numpy as np


def nb_log_posterior(X_train, y_train, X_test, alpha=1.0):
    """Fit multinomial naive Bayes with Laplace smoothing; return log P(class | x).

    Parameters
    ----------
    X_train : array-like (n, d), non-negative counts
    y_train : array-like (n,), integer labels
    X_test : array-like (m, d)
    alpha : float > 0, pseudo-count

    Returns
    -------
    ndarray (m, C): log posterior, classes in sorted order, rows log-normalised
    """
    raise NotImplementedError("counts per class, smoothed log theta, X_test @ log theta.T")
