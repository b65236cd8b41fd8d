import numpy as np


def attention(q, k, v):
    """softmax(q kᵀ / sqrt(d)) v, shape (..., L, d_v)."""
    q, k, v = (np.asarray(a, dtype=float) for a in (q, k, v))
    d = q.shape[-1]
    # (..., L, d) @ (..., d, S): one score per (query, key) pair, scaled to unit variance.
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(d)
    # Softmax over the keys (last axis); the row max is subtracted so exp cannot overflow.
    scores = scores - scores.max(axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights = weights / weights.sum(axis=-1, keepdims=True)
    return weights @ v
