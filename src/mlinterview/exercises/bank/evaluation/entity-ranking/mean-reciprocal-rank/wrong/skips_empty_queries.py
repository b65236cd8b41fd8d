"""Averages over the queries that have a relevant document only, instead of counting a
query without one as 0 in a mean over all queries."""
import numpy as np


def mean_reciprocal_rank(relevance, scores):
    rel = np.asarray(relevance, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    hits = np.take_along_axis(rel > 0, np.argsort(-s, axis=1), axis=1)
    found = hits.any(axis=1)
    if not found.any():
        return 0.0
    return float((1.0 / (hits[found].argmax(axis=1) + 1)).mean())
