"""Divides the counts by T instead of T * k: the loss is k times too large for top-k
(the per-choice sum of Hugging Face's Mixtral loss)."""
import numpy as np


def load_balancing_loss(router_probs, expert_index):
    router_probs = np.asarray(router_probs, dtype=float)
    idx = np.asarray(expert_index)
    num_experts = router_probs.shape[1]
    fraction = np.bincount(idx.reshape(-1), minlength=num_experts) / idx.shape[0]
    return float(num_experts * np.dot(fraction, router_probs.mean(axis=0)))
