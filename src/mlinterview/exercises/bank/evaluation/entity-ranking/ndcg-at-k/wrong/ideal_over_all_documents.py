"""Normalises by the ideal DCG of the whole list instead of the ideal DCG of the top k."""
import numpy as np


def ndcg_at_k(relevance, scores, k):
    rel = np.asarray(relevance, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    n = rel.shape[1]
    disc = 1.0 / np.log2(np.arange(n) + 2.0)
    by_score = np.take_along_axis(rel, np.argsort(-s, axis=1), axis=1)
    dcg = by_score[:, :k] @ disc[:k]
    idcg = -np.sort(-rel, axis=1) @ disc
    return float(np.divide(dcg, idcg, out=np.zeros_like(dcg), where=idcg > 0).mean())
