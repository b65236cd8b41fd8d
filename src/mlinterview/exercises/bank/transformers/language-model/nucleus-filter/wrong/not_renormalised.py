"""Finds the nucleus right but returns the kept probabilities without renormalising."""
import numpy as np


def nucleus_distribution(logits, top_p):
    z = np.asarray(logits, dtype=float)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    ranked = -np.sort(-p, axis=1)
    above = np.cumsum(ranked, axis=1) - ranked
    above[:, 0] = 0.0
    n_kept = (above < top_p).sum(axis=1)
    cut = ranked[np.arange(len(p)), n_kept - 1][:, None]
    return np.where(p >= cut, p, 0.0)
