"""Zeroes the masked weights after the softmax: the rest no longer sum to 1."""
import numpy as np


def masked_attention(q, k, v, key_lengths, causal):
    q, k, v = (np.asarray(a, dtype=float) for a in (q, k, v))
    L, S = q.shape[1], k.shape[1]
    allowed = np.arange(S)[None, None, :] < np.asarray(key_lengths)[:, None, None]
    if causal:
        allowed = allowed & np.tri(L, S, dtype=bool)[None]
    scores = q @ np.swapaxes(k, 1, 2) / np.sqrt(q.shape[-1])
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights = weights / weights.sum(axis=-1, keepdims=True)
    return np.where(allowed, weights, 0.0) @ v
