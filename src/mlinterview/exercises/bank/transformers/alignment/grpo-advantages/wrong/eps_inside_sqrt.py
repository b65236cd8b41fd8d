"""Adds eps to the variance under the square root instead of to the standard deviation."""
import numpy as np


def grpo_advantages(rewards, group_ids, eps=1e-4, scale_rewards=True):
    rewards = np.asarray(rewards, dtype=float)
    _, group = np.unique(np.asarray(group_ids), return_inverse=True)
    count = np.bincount(group)
    centred = rewards - (np.bincount(group, weights=rewards) / count)[group]
    if not scale_rewards:
        return np.where(count[group] > 1, centred, 0.0)
    var = np.bincount(group, weights=centred ** 2) / np.maximum(count - 1, 1)
    return np.where(count[group] > 1, centred / np.sqrt(var[group] + eps), 0.0)
