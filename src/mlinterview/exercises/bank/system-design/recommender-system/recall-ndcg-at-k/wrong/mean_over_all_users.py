"""Averages over every user: those with nothing relevant count as 0 and pull both
means down."""
import numpy as np


def recall_ndcg_at_k(scores, relevant, k):
    scores = np.asarray(scores, dtype=float)
    relevant = np.asarray(relevant, dtype=bool)
    k = min(k, scores.shape[1])
    top = np.argsort(-scores, axis=1)[:, :k]
    hits = np.take_along_axis(relevant, top, axis=1)
    n_rel = relevant.sum(axis=1)
    recall = np.divide(hits.sum(axis=1), n_rel, out=np.zeros(len(n_rel)), where=n_rel > 0)
    discount = 1.0 / np.log2(np.arange(2, k + 2))
    ideal = np.cumsum(discount)[np.maximum(np.minimum(n_rel, k) - 1, 0)]
    ndcg = np.where(n_rel > 0, (hits @ discount) / ideal, 0.0)
    return float(recall.mean()), float(ndcg.mean())
