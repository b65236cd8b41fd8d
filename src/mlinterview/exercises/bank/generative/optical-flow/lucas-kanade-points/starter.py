import numpy as np


def lucas_kanade_points(image0, image1, points, radius, min_eigenvalue):
    """Lucas–Kanade flow (d_row, d_col) at each point, from windowed means.

    Parameters
    ----------
    image0, image1 : float arrays of shape (rows, cols)
    points : int array of shape (k, 2), (row, col) at least `radius` from every border
    radius : int, the window is (2 radius + 1) x (2 radius + 1)
    min_eigenvalue : float, below or at which a window gives flow (0, 0)

    Returns
    -------
    float array of shape (k, 2)
    """
    image0 = np.asarray(image0, dtype=float)
    raise NotImplementedError("structure tensor and right-hand side per window, then 2x2 solves")
