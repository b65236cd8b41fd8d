"""Recomputes the choices as the argmax of the probabilities: ignores the second
choices of top-k routing and any choice that is not the argmax."""
import numpy as np


def load_balancing_loss(router_probs, expert_index):
    router_probs = np.asarray(router_probs, dtype=float)
    num_experts = router_probs.shape[1]
    idx = router_probs.argmax(axis=1)
    fraction = np.bincount(idx, minlength=num_experts) / idx.size
    return float(num_experts * np.dot(fraction, router_probs.mean(axis=0)))
