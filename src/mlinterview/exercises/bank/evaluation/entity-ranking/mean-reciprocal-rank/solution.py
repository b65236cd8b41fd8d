import numpy as np


def mean_reciprocal_rank(relevance, scores):
    """Mean over queries of 1 / rank of the first relevant document; 0 for a query
    without one."""
    rel = np.asarray(relevance, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    # Relevant flags of each query's documents, in ranked order (descending score).
    hits = np.take_along_axis(rel > 0, np.argsort(-s, axis=1), axis=1)
    first = hits.argmax(axis=1)              # 0-based position of the first True
    # argmax of an all-False row is 0 too: such a query must count 0, not 1 / 1.
    reciprocal = np.where(hits.any(axis=1), 1.0 / (first + 1), 0.0)
    return float(reciprocal.mean())
