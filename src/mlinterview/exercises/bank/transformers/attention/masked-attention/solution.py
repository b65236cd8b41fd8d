import numpy as np


def masked_attention(q, k, v, key_lengths, causal):
    """softmax(q kᵀ / sqrt(d) + mask) v, shape (N, L, d_v)."""
    q, k, v = (np.asarray(a, dtype=float) for a in (q, k, v))
    L, S = q.shape[1], k.shape[1]
    # allowed[n, i, j]: may query i of sequence n look at key j?
    allowed = np.arange(S)[None, None, :] < np.asarray(key_lengths)[:, None, None]
    if causal:
        allowed = allowed & np.tri(L, S, dtype=bool)[None]  # j <= i, from the top-left
    scores = q @ np.swapaxes(k, 1, 2) / np.sqrt(q.shape[-1])
    scores = np.where(allowed, scores, -np.inf)
    # Row max over the allowed keys; a row with none has max -inf: use 0 there instead.
    row_max = scores.max(axis=-1, keepdims=True)
    row_max = np.where(np.isfinite(row_max), row_max, 0.0)
    weights = np.exp(scores - row_max)          # exactly 0 where masked
    total = weights.sum(axis=-1, keepdims=True)
    weights = weights / np.where(total > 0, total, 1.0)   # an empty row stays all zero
    return weights @ v
