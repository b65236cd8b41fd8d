import numpy as np


def sampling_distribution(logits, temperature, top_k):
    """softmax(logits / T) restricted to each row's top_k tokens, shape (n, V)."""
    z = np.asarray(logits, dtype=float) / temperature
    v = z.shape[1]
    # The k-th largest value of each row (np.partition: O(V), no full sort).
    kth = np.partition(z, v - top_k, axis=1)[:, v - top_k][:, None]
    # Everything at or above it stays: tokens tied with the k-th are kept too.
    z = np.where(z >= kth, z, -np.inf)
    # Subtract the row maximum before exp: same softmax, no overflow; exp(-inf) = 0.
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
