import numpy as np


def grpo_advantages(rewards, group_ids, eps=1e-4, scale_rewards=True):
    """Each reward minus its group's mean, divided by its group's sample std + eps.

    Parameters
    ----------
    rewards : float array of shape (n,)
    group_ids : int array of shape (n,), the prompt of each answer (any order)
    eps : float added to the std
    scale_rewards : divide by the std + eps (False: only subtract the mean)

    Returns
    -------
    float array of shape (n,)
    """
    rewards = np.asarray(rewards, dtype=float)
    raise NotImplementedError("per-group count, sum and sum of squares, then standardise")
