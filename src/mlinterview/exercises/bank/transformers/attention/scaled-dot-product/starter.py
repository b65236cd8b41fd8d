import numpy as np


def attention(q, k, v):
    """softmax(q kᵀ / sqrt(d)) v over the last two axes.

    Parameters
    ----------
    q : float array of shape (..., L, d), the queries
    k : float array of shape (..., S, d), the keys
    v : float array of shape (..., S, d_v), the values

    Returns
    -------
    ndarray of shape (..., L, d_v)
    """
    q, k, v = (np.asarray(a, dtype=float) for a in (q, k, v))
    raise NotImplementedError("scores, a stable softmax over the keys, then the weighted sum")
