"""Multiplies the logits by the temperature instead of dividing."""
import numpy as np


def sampling_distribution(logits, temperature, top_k):
    z = np.asarray(logits, dtype=float) * temperature
    v = z.shape[1]
    kth = np.partition(z, v - top_k, axis=1)[:, v - top_k][:, None]
    z = np.where(z >= kth, z, -np.inf)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
