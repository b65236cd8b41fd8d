import numpy as np


def recall_ndcg_at_k(scores, relevant, k):
    """Mean recall@k and NDCG@k over the users who have at least one relevant item."""
    scores = np.asarray(scores, dtype=float)
    relevant = np.asarray(relevant, dtype=bool)
    k = min(k, scores.shape[1])
    top = np.argsort(-scores, axis=1)[:, :k]              # each user's list, best first
    hits = np.take_along_axis(relevant, top, axis=1)      # (n_users, k) booleans
    n_rel = relevant.sum(axis=1)
    users = n_rel > 0                                      # recall is 0/0 for the others
    recall = hits.sum(axis=1)[users] / n_rel[users]
    discount = 1.0 / np.log2(np.arange(2, k + 2))         # positions 1..k: 1 / log2(p + 1)
    dcg = hits @ discount
    ideal = np.cumsum(discount)[np.minimum(n_rel[users], k) - 1]
    return float(recall.mean()), float((dcg[users] / ideal).mean())
