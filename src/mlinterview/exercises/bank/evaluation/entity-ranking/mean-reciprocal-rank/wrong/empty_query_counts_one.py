"""Takes argmax of the ranked relevant flags without checking that a row has any: a query
with no relevant document gets position 0, so a reciprocal rank of 1 instead of 0."""
import numpy as np


def mean_reciprocal_rank(relevance, scores):
    rel = np.asarray(relevance, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    hits = np.take_along_axis(rel > 0, np.argsort(-s, axis=1), axis=1)
    return float((1.0 / (hits.argmax(axis=1) + 1)).mean())
