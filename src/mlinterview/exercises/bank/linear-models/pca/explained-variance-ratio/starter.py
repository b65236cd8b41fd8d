import numpy as np


def explained_variance_ratio(X, threshold):
    """Explained variance ratio of every principal direction, and the components needed.

    Parameters
    ----------
    X : array-like (n, p), n >= 2
    threshold : float in (0, 1)

    Returns
    -------
    (ratio, k) : ndarray (min(n, p),), int
    """
    X = np.asarray(X, dtype=float)
    raise NotImplementedError("centre, singular values, s² / sum s², cumulative sum")
