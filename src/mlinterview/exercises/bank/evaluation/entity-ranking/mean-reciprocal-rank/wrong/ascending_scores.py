"""Ranks documents by ascending score, so the lowest-scored document is taken as rank 1."""
import numpy as np


def mean_reciprocal_rank(relevance, scores):
    rel = np.asarray(relevance, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    hits = np.take_along_axis(rel > 0, np.argsort(s, axis=1), axis=1)
    first = hits.argmax(axis=1)
    return float(np.where(hits.any(axis=1), 1.0 / (first + 1), 0.0).mean())
