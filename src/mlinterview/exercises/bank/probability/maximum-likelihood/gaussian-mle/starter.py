import numpy as np


def gaussian_mle(X):
    """Per-column Gaussian MLE of X (n, d) and the maximised log-likelihood.

    Returns
    -------
    mean : ndarray (d,)
    var : ndarray (d,), dividing by n
    log_likelihood : float, +inf if some column is constant
    """
    X = np.asarray(X, dtype=float)
    raise NotImplementedError("two passes: the mean, then the mean squared deviation")
