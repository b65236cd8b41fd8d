"""Uses 2^(-8k/n) for every head count, not only powers of two."""
import numpy as np


def alibi_bias(num_heads, seq_len):
    slopes = 2.0 ** (-8.0 * np.arange(1, num_heads + 1) / num_heads)
    distance = np.arange(seq_len)[:, None] - np.arange(seq_len)[None, :]
    bias = -slopes[:, None, None] * distance[None, :, :]
    return np.where(distance[None] < 0, -np.inf, bias)
