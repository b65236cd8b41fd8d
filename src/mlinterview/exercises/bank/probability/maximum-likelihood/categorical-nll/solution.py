import numpy as np


def categorical_nll(y, probs):
    """-(1/n) sum_i log probs[i, y_i], with log 0 = -inf giving an infinite loss."""
    y = np.asarray(y, dtype=np.int64)
    probs = np.asarray(probs, dtype=float)
    picked = probs[np.arange(y.size), y]         # probability of each true label
    if np.any(picked == 0):
        return float("inf")
    return float(-np.log(picked).mean())
