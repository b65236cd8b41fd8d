"""Averages each token's own product (E times the probability of its chosen experts)
instead of multiplying the two averages f and P."""
import numpy as np


def load_balancing_loss(router_probs, expert_index):
    router_probs = np.asarray(router_probs, dtype=float)
    T, num_experts = router_probs.shape
    idx = np.asarray(expert_index).reshape(T, -1)
    chosen = np.take_along_axis(router_probs, idx, axis=1)
    return float(num_experts * chosen.sum(axis=1).mean() / idx.shape[1])
