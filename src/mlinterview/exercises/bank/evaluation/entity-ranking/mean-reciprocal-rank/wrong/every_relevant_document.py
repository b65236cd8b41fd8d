"""Averages 1 / rank over every relevant document of a query instead of taking 1 / rank
of the first one only."""
import numpy as np


def mean_reciprocal_rank(relevance, scores):
    rel = np.asarray(relevance, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    hits = np.take_along_axis(rel > 0, np.argsort(-s, axis=1), axis=1)
    inverse_ranks = 1.0 / np.arange(1, hits.shape[1] + 1)
    n_hits = hits.sum(axis=1)
    per_query = np.divide(hits @ inverse_ranks, n_hits, out=np.zeros(len(hits)),
                          where=n_hits > 0)
    return float(per_query.mean())
