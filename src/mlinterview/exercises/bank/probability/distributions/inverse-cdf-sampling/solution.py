import numpy as np


def sample_categorical(weights, u):
    """Inverse-CDF sampling: the first k whose cumulative weight exceeds u times the total."""
    cumulative = np.cumsum(np.asarray(weights, dtype=float))     # S, shape (K,)
    # Scale the uniforms to the total instead of dividing the weights by it: the last
    # entry of S is then the total itself, so u < 1 always lands inside the table.
    targets = np.asarray(u, dtype=float) * cumulative[-1]
    # side="right" returns the first index with S[k] > target (strictly), so a category
    # of weight 0, whose interval [S[k-1], S[k]) is empty, can never be returned.
    return np.searchsorted(cumulative, targets, side="right")
