import numpy as np


def outlier_scores(x, threshold=3.5):
    """Classical and robust z-scores, and the robust outlier flags.

    Parameters
    ----------
    x : 1-D sequence of float, length n >= 1
    threshold : flag where |robust_z| > threshold

    Returns
    -------
    z : (n,) float, (x - mean) / population std (0 where std = 0)
    robust_z : (n,) float, (x - median) / (MAD / 0.6744897501960817)
        (0, +inf or -inf where MAD = 0)
    flags : (n,) bool, |robust_z| > threshold
    """
    raise NotImplementedError("centre and scale twice: mean/std, then median/MAD")
