import numpy as np


def load_balancing_loss(router_probs, expert_index):
    """Switch Transformer's auxiliary loss E * sum_i f_i * P_i.

    Parameters
    ----------
    router_probs : float array of shape (T, E), rows are probability distributions
    expert_index : int array of shape (T,) or (T, k), the experts chosen for each token

    Returns
    -------
    float
    """
    router_probs = np.asarray(router_probs, dtype=float)
    raise NotImplementedError("fractions of assignments, mean probabilities, one dot product")
