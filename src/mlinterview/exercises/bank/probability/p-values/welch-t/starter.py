import numpy as np


def welch_t(a, b):
    """Welch's t statistic and the Welch-Satterthwaite degrees of freedom.

    Parameters
    ----------
    a, b : sequence of float, lengths n_a, n_b >= 2

    Returns
    -------
    (t, df) : tuple of two floats
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    raise NotImplementedError("unbiased variances, the two squared standard errors, t, df")
