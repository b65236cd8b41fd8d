import numpy as np


def alibi_bias(num_heads, seq_len):
    """ALiBi's causal bias: bias[h, i, j] = -m_h (i - j) for j <= i, -inf for j > i.

    Parameters
    ----------
    num_heads : int >= 1 (any number, not only powers of two)
    seq_len : int >= 1

    Returns
    -------
    float array of shape (num_heads, seq_len, seq_len)
    """
    raise NotImplementedError("the slopes first (the power-of-two rule), then one broadcast")
