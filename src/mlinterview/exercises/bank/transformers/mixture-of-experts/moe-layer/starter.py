import math

import numpy as np


def moe_forward(x, router_weight, w1, b1, w2, b2, top_k, capacity_factor):
    """Output (T, d) of a top-k mixture of ReLU-MLP experts with capacity dropping.

    Parameters
    ----------
    x : float array (T, d)
    router_weight : float array (E, d)
    w1 : (E, h, d), b1 : (E, h), w2 : (E, d, h), b2 : (E, d)
    top_k : int, 1 <= top_k <= E
    capacity_factor : float or None (no limit)

    Returns
    -------
    float array (T, d)
    """
    x = np.asarray(x, dtype=float)
    raise NotImplementedError("route, queue (first choices first), drop, compute, combine")
