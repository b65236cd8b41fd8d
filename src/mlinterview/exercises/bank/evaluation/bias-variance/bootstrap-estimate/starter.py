import numpy as np


def bootstrap_bias_variance(x_train, y_train, x_test, y_test, degree, num_rounds, seed):
    """Bootstrap estimate of expected loss, bias² and variance of polynomial regression.

    Parameters
    ----------
    x_train, y_train : array-like of shape (n,)
    x_test, y_test : array-like of shape (m,)
    degree : int >= 0, the degree of the polynomial (with its constant term)
    num_rounds : int >= 1, bootstrap refits
    seed : int; rng = np.random.RandomState(seed) once, then per round
        rows = rng.choice(n, size=n, replace=True)

    Returns
    -------
    (expected_loss, bias2, variance) : three floats, averaged over the m test points;
        expected_loss = bias2 + variance.
    """
    raise NotImplementedError("refit on each resample, then decompose the predictions")
