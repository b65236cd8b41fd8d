import numpy as np


def apply_rope(x, positions, base=10000.0, layout="half"):
    """Rotate each coordinate pair of x by positions * base ** (-2i / dim).

    Parameters
    ----------
    x : float array of shape (..., seq_len, dim), dim even (ValueError otherwise)
    positions : int or float array broadcastable to x.shape[:-1]
    base : float > 1
    layout : "half" (pairs (i, i + dim/2)) or "interleaved" (pairs (2i, 2i + 1))

    Returns
    -------
    float array of the shape of x
    """
    x = np.asarray(x, dtype=float)
    raise NotImplementedError("angles (..., seq_len, dim/2), then rotate the pairs")
