import numpy as np


def nucleus_distribution(logits, top_p):
    """Softmax of each row restricted to its nucleus (top-p set, ties kept), renormalised.

    Parameters
    ----------
    logits : float array of shape (n, V)
    top_p : float in (0, 1]

    Returns
    -------
    float array of shape (n, V), each row summing to 1
    """
    z = np.asarray(logits, dtype=float)
    raise NotImplementedError("softmax, sort descending, the mass above each token, a cut")
