import numpy as np


def ndcg_at_k(relevance, scores, k):
    """Mean NDCG@k over queries (linear gain, log2 discount, 0 for queries without
    relevant documents).

    Parameters
    ----------
    relevance : array-like of shape (n_queries, n_documents), non-negative grades
    scores : array-like of the same shape, distinct within each query
    k : int >= 1

    Returns
    -------
    float
    """
    raise NotImplementedError("DCG of the predicted order over DCG of the ideal order")
