import numpy as np


def eight_point(x1, x2):
    """Fundamental matrix (3, 3) from n >= 8 correspondences x1[i] <-> x2[i].

    Parameters
    ----------
    x1, x2 : float arrays of shape (n, 2), pixel coordinates in views 1 and 2

    Returns
    -------
    F : float array of shape (3, 3), rank 2, with x2~^T F x1~ = 0 (up to scale)
    """
    x1 = np.asarray(x1, dtype=float)
    raise NotImplementedError("normalise, solve by SVD, enforce rank 2, denormalise")
