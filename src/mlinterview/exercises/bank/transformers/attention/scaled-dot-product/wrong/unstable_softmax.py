"""Exponentiates the raw scores: exp overflows to inf for large scores and gives NaN."""
import numpy as np


def attention(q, k, v):
    q, k, v = (np.asarray(a, dtype=float) for a in (q, k, v))
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    with np.errstate(over="ignore", invalid="ignore"):
        weights = np.exp(scores)
        return weights / weights.sum(axis=-1, keepdims=True) @ v
