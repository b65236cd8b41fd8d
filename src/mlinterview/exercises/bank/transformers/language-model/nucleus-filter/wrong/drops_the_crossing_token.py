"""Keeps tokens while the inclusive running sum is <= top_p: drops the token that crosses
top_p (and every token when the first alone exceeds it)."""
import numpy as np


def nucleus_distribution(logits, top_p):
    z = np.asarray(logits, dtype=float)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    order = np.argsort(-p, axis=1, kind="stable")
    ranked = np.take_along_axis(p, order, axis=1)
    keep_sorted = np.cumsum(ranked, axis=1) <= top_p
    keep = np.zeros_like(keep_sorted)
    np.put_along_axis(keep, order, keep_sorted, axis=1)
    kept = np.where(keep, p, 0.0)
    with np.errstate(invalid="ignore"):
        return kept / kept.sum(axis=1, keepdims=True)
