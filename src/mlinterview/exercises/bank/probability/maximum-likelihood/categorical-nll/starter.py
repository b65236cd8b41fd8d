import numpy as np


def categorical_nll(y, probs):
    """Mean negative log-likelihood (nats) of labels y under row-wise distributions probs.

    Parameters
    ----------
    y : sequence of int, shape (n,)
    probs : array-like, shape (n, K)

    Returns
    -------
    float (inf if a true label has probability 0)
    """
    y = np.asarray(y)
    probs = np.asarray(probs, dtype=float)
    raise NotImplementedError("pick each row's probability of its true label")
