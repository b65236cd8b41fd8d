import numpy as np


def quantize_dequantize(w, bits, scheme="symmetric", group_size=None):
    """b-bit quantisation of a (rows, cols) weight, one scale per row or per group.

    Parameters
    ----------
    w : float array of shape (rows, cols)
    bits : int, 2 to 8
    scheme : "symmetric" (absmax, zero point 0) or "asymmetric" (min/max with a zero point)
    group_size : None (one block per row) or a divisor of cols

    Returns
    -------
    (q, w_hat): integers and dequantised weights, both of shape (rows, cols)
    """
    w = np.asarray(w, dtype=float)
    raise NotImplementedError("reshape into blocks, find each block's scale, round, clip")
