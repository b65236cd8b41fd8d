import numpy as np


def load_balancing_loss(router_probs, expert_index):
    """E * sum_i f_i * P_i for router probabilities (T, E) and choices (T,) or (T, k)."""
    router_probs = np.asarray(router_probs, dtype=float)
    idx = np.asarray(expert_index).reshape(-1)        # all T * k assignments
    num_experts = router_probs.shape[1]
    # f_i: share of the assignments that went to expert i (sums to 1 for any k).
    fraction = np.bincount(idx, minlength=num_experts) / idx.size
    # P_i: the router's mean probability for expert i (the differentiable part).
    mean_prob = router_probs.mean(axis=0)
    return float(num_experts * np.dot(fraction, mean_prob))
