import numpy as np


def disparity_to_depth(disparity, focal_length, baseline):
    """Depth Z = focal_length * baseline / d of every pixel of a disparity map; inf where
    d <= 0.

    Parameters
    ----------
    disparity : number or array-like of any shape, in pixels
    focal_length : float > 0, in pixels
    baseline : float > 0, distance between the two camera centres

    Returns
    -------
    float ndarray of the shape of disparity, in the units of baseline

    Raises
    ------
    ValueError if focal_length or baseline is not > 0
    """
    d = np.asarray(disparity, dtype=float)
    raise NotImplementedError("check f and B, then f * B / d where d > 0, inf elsewhere")
