import numpy as np


def sampling_distribution(logits, temperature, top_k):
    """softmax(logits / temperature) over each row's top_k tokens (ties kept), 0 elsewhere.

    Parameters
    ----------
    logits : float array of shape (n, V)
    temperature : float > 0
    top_k : int, 1 <= top_k <= V

    Returns
    -------
    float array of shape (n, V), each row summing to 1
    """
    z = np.asarray(logits, dtype=float) / temperature
    raise NotImplementedError("the k-th largest value per row, a mask, a stable softmax")
