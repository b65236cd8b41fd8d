import numpy as np


def grpo_advantages(rewards, group_ids, eps=1e-4, scale_rewards=True):
    """(r - group mean) / (group sample std + eps); 0 for a group of one answer."""
    rewards = np.asarray(rewards, dtype=float)
    # Relabel the ids 0..G-1 so that per-group sums are one bincount each.
    _, group = np.unique(np.asarray(group_ids), return_inverse=True)
    count = np.bincount(group)
    mean = np.bincount(group, weights=rewards) / count
    centred = rewards - mean[group]
    if not scale_rewards:
        return np.where(count[group] > 1, centred, 0.0)
    # Sample variance: the sum of squared deviations over n - 1 (no division by 0 for n = 1).
    squares = np.bincount(group, weights=centred * centred)
    std = np.sqrt(squares / np.maximum(count - 1, 1))
    advantages = centred / (std[group] + eps)
    return np.where(count[group] > 1, advantages, 0.0)
