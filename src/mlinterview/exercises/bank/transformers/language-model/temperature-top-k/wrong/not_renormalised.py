"""Softmax over every token, then zeroes the filtered ones: rows no longer sum to 1."""
import numpy as np


def sampling_distribution(logits, temperature, top_k):
    z = np.asarray(logits, dtype=float) / temperature
    v = z.shape[1]
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    kth = np.partition(z, v - top_k, axis=1)[:, v - top_k][:, None]
    return np.where(z >= kth, p, 0.0)
