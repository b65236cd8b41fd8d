"""Counts key number key_lengths[n] as real too (<= instead of <): one padded key leaks in."""
import numpy as np


def masked_attention(q, k, v, key_lengths, causal):
    q, k, v = (np.asarray(a, dtype=float) for a in (q, k, v))
    L, S = q.shape[1], k.shape[1]
    allowed = np.arange(S)[None, None, :] <= np.asarray(key_lengths)[:, None, None]
    if causal:
        allowed = allowed & np.tri(L, S, dtype=bool)[None]
    scores = np.where(allowed, q @ np.swapaxes(k, 1, 2) / np.sqrt(q.shape[-1]), -np.inf)
    row_max = scores.max(axis=-1, keepdims=True)
    weights = np.exp(scores - np.where(np.isfinite(row_max), row_max, 0.0))
    total = weights.sum(axis=-1, keepdims=True)
    return weights / np.where(total > 0, total, 1.0) @ v
