"""Takes the sample std of a one-answer group as 0 / 0: its advantage comes out NaN."""
import numpy as np


def grpo_advantages(rewards, group_ids, eps=1e-4, scale_rewards=True):
    rewards = np.asarray(rewards, dtype=float)
    _, group = np.unique(np.asarray(group_ids), return_inverse=True)
    count = np.bincount(group)
    centred = rewards - (np.bincount(group, weights=rewards) / count)[group]
    if not scale_rewards:
        return centred
    with np.errstate(invalid="ignore", divide="ignore"):
        std = np.sqrt(np.bincount(group, weights=centred ** 2) / (count - 1))
        return centred / (std[group] + eps)
