"""Divides by the population standard deviation (n) instead of the sample one (n - 1)."""
import numpy as np


def grpo_advantages(rewards, group_ids, eps=1e-4, scale_rewards=True):
    rewards = np.asarray(rewards, dtype=float)
    _, group = np.unique(np.asarray(group_ids), return_inverse=True)
    count = np.bincount(group)
    centred = rewards - (np.bincount(group, weights=rewards) / count)[group]
    if not scale_rewards:
        return np.where(count[group] > 1, centred, 0.0)
    std = np.sqrt(np.bincount(group, weights=centred ** 2) / count)
    return np.where(count[group] > 1, centred / (std[group] + eps), 0.0)
