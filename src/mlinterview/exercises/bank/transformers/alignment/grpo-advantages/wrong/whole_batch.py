"""Standardises over the whole batch instead of within each prompt's group."""
import numpy as np


def grpo_advantages(rewards, group_ids, eps=1e-4, scale_rewards=True):
    rewards = np.asarray(rewards, dtype=float)
    centred = rewards - rewards.mean()
    if not scale_rewards:
        return centred
    std = rewards.std(ddof=1) if len(rewards) > 1 else 0.0
    return centred / (std + eps)
