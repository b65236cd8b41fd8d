import numpy as np


def cuped_estimate(y, x, treatment):
    """CUPED-adjusted difference of means (treated - control) and its standard error.

    Parameters
    ----------
    y : float array of shape (n,), the metric during the test
    x : float array of shape (n,), the same users' metric before the test
    treatment : array of shape (n,), 1/True = treated, 0/False = control

    Returns
    -------
    (estimate, standard_error) : (float, float)
    """
    y = np.asarray(y, dtype=float)
    x = np.asarray(x, dtype=float)
    treated = np.asarray(treatment).astype(bool)
    raise NotImplementedError("theta over all users, adjust, difference of means, Welch se")
