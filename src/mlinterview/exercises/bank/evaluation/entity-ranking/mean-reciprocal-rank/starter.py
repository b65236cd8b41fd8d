import numpy as np


def mean_reciprocal_rank(relevance, scores):
    """Mean over queries of 1 / rank of the first relevant document (0 for a query
    without any).

    Parameters
    ----------
    relevance : array-like of shape (n_queries, n_documents), grades >= 0; > 0 is relevant
    scores : array-like of the same shape, distinct within each query

    Returns
    -------
    float
    """
    raise NotImplementedError("rank by descending score, find the first relevant position")
