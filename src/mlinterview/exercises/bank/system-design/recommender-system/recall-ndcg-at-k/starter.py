import numpy as np


def recall_ndcg_at_k(scores, relevant, k):
    """Mean recall@k and NDCG@k (binary gains) over users with a relevant item.

    Parameters
    ----------
    scores : float array of shape (n_users, n_items), no ties within a row
    relevant : bool array of shape (n_users, n_items)
    k : int >= 1, the list length (capped at n_items)

    Returns
    -------
    (recall, ndcg) : tuple of two floats
    """
    scores = np.asarray(scores, dtype=float)
    relevant = np.asarray(relevant, dtype=bool)
    raise NotImplementedError("top k per row, hits, recall and DCG / ideal DCG per user")
