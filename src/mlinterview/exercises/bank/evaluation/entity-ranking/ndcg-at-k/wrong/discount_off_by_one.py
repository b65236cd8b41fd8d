"""Discounts rank i by log2(i) with ranks from 2, i.e. the top document is discounted too
(log2(i + 2) for 1-based ranks)."""
import numpy as np


def ndcg_at_k(relevance, scores, k):
    rel = np.asarray(relevance, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    disc = 1.0 / np.log2(np.arange(rel.shape[1]) + 3.0)
    by_score = np.take_along_axis(rel, np.argsort(-s, axis=1), axis=1)
    dcg = by_score[:, :k] @ disc[:k]
    idcg = -np.sort(-rel, axis=1)[:, :k] @ disc[:k]
    return float(np.divide(dcg, idcg, out=np.zeros_like(dcg), where=idcg > 0).mean())
