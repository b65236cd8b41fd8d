"""Keeps exactly the sorted prefix: tokens tied at the cut depend on the sort's order."""
import numpy as np


def nucleus_distribution(logits, top_p):
    z = np.asarray(logits, dtype=float)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    order = np.argsort(-p, axis=1, kind="stable")
    ranked = np.take_along_axis(p, order, axis=1)
    above = np.cumsum(ranked, axis=1) - ranked
    above[:, 0] = 0.0
    keep = np.zeros(p.shape, dtype=bool)
    np.put_along_axis(keep, order, above < top_p, axis=1)
    kept = np.where(keep, p, 0.0)
    return kept / kept.sum(axis=1, keepdims=True)
