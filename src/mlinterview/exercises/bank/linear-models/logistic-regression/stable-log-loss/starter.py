import numpy as np


def sigmoid_log_loss(z, y):
    """Sigmoid probabilities and the mean binary cross-entropy, from logits.

    Parameters
    ----------
    z : array-like (n,), logits (up to +-1000)
    y : array-like (n,), labels in {0, 1}

    Returns
    -------
    (p, loss) : ndarray (n,), float
    """
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    raise NotImplementedError("loss per sample = softplus(z) - y z, computed stably")
