import numpy as np


def ranknet_loss_grad(scores, grades, sigma=1.0):
    """Mean RankNet loss over all same-query pairs with different grades, and its gradient.

    Parameters
    ----------
    scores, grades : array-like of shape (n_queries, n_docs)
    sigma : float > 0

    Returns
    -------
    (loss, grad) : float, and ndarray of the shape of scores (∂loss/∂scores).
    Raises ValueError when no query has two documents with different grades.
    """
    raise NotImplementedError("all pairs with a broadcast comparison, then softplus and sigmoid")
