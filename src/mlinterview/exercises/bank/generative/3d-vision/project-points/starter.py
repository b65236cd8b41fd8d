import numpy as np


def project_points(K, R, t, X):
    """Pixels (u, v) and depths of world points seen by the camera (K, R, t).

    Parameters
    ----------
    K : float array (3, 3), intrinsics
    R : float array (3, 3), rotation world -> camera
    t : float array (3,), translation world -> camera
    X : float array (n, 3), world points

    Returns
    -------
    (pixels, depth) : float arrays of shapes (n, 2) and (n,); NaN pixels where depth <= 0
    """
    X = np.asarray(X, dtype=float)
    raise NotImplementedError("to camera coordinates, divide by depth, apply K")
