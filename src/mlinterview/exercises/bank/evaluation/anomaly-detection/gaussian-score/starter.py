import numpy as np


def gaussian_anomaly(X_train, X_test, log_epsilon):
    """Per-feature Gaussian log-density of X_test rows and the anomaly flags.

    Parameters
    ----------
    X_train : (n, d) rows of (mostly) normal data
    X_test : (m, d) rows to score
    log_epsilon : float, flag rows with log_p < log_epsilon

    Returns
    -------
    (log_p, is_anomaly) : float array (m,), bool array (m,)
    """
    raise NotImplementedError("mean and variance per feature, then sum the log-densities")
