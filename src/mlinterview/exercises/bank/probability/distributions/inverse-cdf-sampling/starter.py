import numpy as np


def sample_categorical(weights, u):
    """Draws from the categories 0..K-1 with probabilities proportional to `weights`.

    Parameters
    ----------
    weights : sequence of float, shape (K,)
        Non-negative, positive sum, not necessarily normalised.
    u : sequence of float, shape (m,)
        Uniforms in [0, 1).

    Returns
    -------
    ndarray of int, shape (m,): for each u, the first k with cumsum(weights)[k] > u * total.
    """
    raise NotImplementedError("cumulative sums, then one search for all the uniforms")
