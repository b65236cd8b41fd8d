"""Keeps exactly k tokens with an argsort, dropping tokens tied with the k-th."""
import numpy as np


def sampling_distribution(logits, temperature, top_k):
    z = np.asarray(logits, dtype=float) / temperature
    keep = np.argsort(-z, axis=1, kind="stable")[:, :top_k]
    masked = np.full_like(z, -np.inf)
    rows = np.arange(len(z))[:, None]
    masked[rows, keep] = z[rows, keep]
    e = np.exp(masked - masked.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
