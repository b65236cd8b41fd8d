"""Ranks documents by ascending score (the lowest score first)."""
import numpy as np


def ndcg_at_k(relevance, scores, k):
    rel = np.asarray(relevance, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    disc = 1.0 / np.log2(np.arange(rel.shape[1]) + 2.0)
    by_score = np.take_along_axis(rel, np.argsort(s, axis=1), axis=1)
    dcg = by_score[:, :k] @ disc[:k]
    idcg = -np.sort(-rel, axis=1)[:, :k] @ disc[:k]
    return float(np.divide(dcg, idcg, out=np.zeros_like(dcg), where=idcg > 0).mean())
