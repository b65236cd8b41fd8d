"""Divides the hits by k: that is precision@k, not recall@k."""
import numpy as np


def recall_ndcg_at_k(scores, relevant, k):
    scores = np.asarray(scores, dtype=float)
    relevant = np.asarray(relevant, dtype=bool)
    k = min(k, scores.shape[1])
    top = np.argsort(-scores, axis=1)[:, :k]
    hits = np.take_along_axis(relevant, top, axis=1)
    n_rel = relevant.sum(axis=1)
    users = n_rel > 0
    recall = hits.sum(axis=1)[users] / k
    discount = 1.0 / np.log2(np.arange(2, k + 2))
    ideal = np.cumsum(discount)[np.minimum(n_rel[users], k) - 1]
    return float(recall.mean()), float(((hits @ discount)[users] / ideal).mean())
