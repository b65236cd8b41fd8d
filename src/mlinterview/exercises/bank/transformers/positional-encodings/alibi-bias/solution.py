import numpy as np


def _geometric(n):
    """2^(-8/n), 2^(-16/n), ..., 2^(-8): the slopes of n heads when n is a power of two."""
    return 2.0 ** (-8.0 * np.arange(1, n + 1) / n)


def alibi_bias(num_heads, seq_len):
    """bias[h, i, j] = -m_h (i - j) for j <= i, -inf for j > i."""
    p = 1
    while p * 2 <= num_heads:             # largest power of two <= num_heads
        p *= 2
    slopes = _geometric(p)
    if p < num_heads:                      # interleave: every other slope of 2p heads
        slopes = np.concatenate([slopes, _geometric(2 * p)[0::2][: num_heads - p]])
    distance = np.arange(seq_len)[:, None] - np.arange(seq_len)[None, :]   # i - j
    bias = -slopes[:, None, None] * distance[None, :, :]
    return np.where(distance[None] < 0, -np.inf, bias)
