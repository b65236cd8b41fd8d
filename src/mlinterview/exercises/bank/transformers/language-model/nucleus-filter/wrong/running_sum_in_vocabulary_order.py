"""Takes the running sum in vocabulary order instead of from the most probable token."""
import numpy as np


def nucleus_distribution(logits, top_p):
    z = np.asarray(logits, dtype=float)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    above = np.cumsum(p, axis=1) - p
    above[:, 0] = 0.0
    kept = np.where(above < top_p, p, 0.0)
    return kept / kept.sum(axis=1, keepdims=True)
