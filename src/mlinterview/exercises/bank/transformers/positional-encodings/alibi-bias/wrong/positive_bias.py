"""Adds +m (i - j): distant tokens are favoured instead of penalised."""
import numpy as np


def _geometric(n):
    return 2.0 ** (-8.0 * np.arange(1, n + 1) / n)


def alibi_bias(num_heads, seq_len):
    p = 1
    while p * 2 <= num_heads:
        p *= 2
    slopes = _geometric(p)
    if p < num_heads:
        slopes = np.concatenate([slopes, _geometric(2 * p)[0::2][: num_heads - p]])
    distance = np.arange(seq_len)[:, None] - np.arange(seq_len)[None, :]
    bias = slopes[:, None, None] * distance[None, :, :]
    return np.where(distance[None] < 0, -np.inf, bias)
