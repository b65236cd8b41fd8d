import numpy as np


def _dcg(gains_in_rank_order, k):
    """DCG of each row of gains already in rank order, over the first k ranks."""
    top = gains_in_rank_order[:, :k]
    discounts = 1.0 / np.log2(np.arange(top.shape[1]) + 2.0)   # rank i (from 1) -> log2(i+1)
    return top @ discounts


def ndcg_at_k(relevance, scores, k):
    """Mean NDCG@k over queries."""
    rel = np.asarray(relevance, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    by_score = np.take_along_axis(rel, np.argsort(-s, axis=1), axis=1)
    ideal = -np.sort(-rel, axis=1)           # relevance in descending order
    dcg, idcg = _dcg(by_score, k), _dcg(ideal, k)
    per_query = np.divide(dcg, idcg, out=np.zeros_like(dcg), where=idcg > 0)
    return float(per_query.mean())
