import numpy as np


def bias_variance_noise(predictions, f_true, y_test):
    """Bias², variance and noise of R models' predictions at n test points.

    Parameters
    ----------
    predictions : array-like of shape (R, n); row r = predictions of model r
    f_true : array-like of shape (n,); the noise-free function at the test points
    y_test : array-like of shape (n,); the noisy targets observed there

    Returns
    -------
    (bias2, variance, noise) : three floats, each averaged over the n test points;
        the variance is over the R models, divided by R.
    """
    raise NotImplementedError("average the models, then compare with f_true and y_test")
