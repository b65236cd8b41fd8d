"""exp of the raw scaled logits: overflows to inf (NaN probabilities) for large values."""
import numpy as np


def sampling_distribution(logits, temperature, top_k):
    z = np.asarray(logits, dtype=float) / temperature
    v = z.shape[1]
    kth = np.partition(z, v - top_k, axis=1)[:, v - top_k][:, None]
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.where(z >= kth, np.exp(z), 0.0)
        return e / e.sum(axis=1, keepdims=True)
