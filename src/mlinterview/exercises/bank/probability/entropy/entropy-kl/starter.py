import numpy as np


def entropy_kl(p, q, base=2.0):
    """Entropy of p and KL divergence from p to q.

    Parameters
    ----------
    p, q : sequence of float, length n_outcomes
        Non-negative weights (normalised to sum to 1 before use).
    base : float
        Logarithm base (2: bits, e: nats).

    Returns
    -------
    (entropy, kl) : tuple of two floats; kl may be inf.
    """
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    raise NotImplementedError("normalise, then sum p log p and p log(p / q) with 0 log 0 = 0")
