"""Assumes the answers come sorted in equal-size groups and reshapes them (n_groups, size)."""
import numpy as np


def grpo_advantages(rewards, group_ids, eps=1e-4, scale_rewards=True):
    rewards = np.asarray(rewards, dtype=float)
    groups = len(np.unique(group_ids))
    r = rewards.reshape(groups, -1)
    centred = r - r.mean(axis=1, keepdims=True)
    if not scale_rewards or r.shape[1] == 1:
        return (centred if r.shape[1] > 1 else 0 * centred).reshape(-1)
    return (centred / (r.std(axis=1, ddof=1, keepdims=True) + eps)).reshape(-1)
