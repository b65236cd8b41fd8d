import numpy as np


def dpo_loss(policy_chosen_logps, policy_rejected_logps, reference_chosen_logps,
             reference_rejected_logps, beta):
    """Per-pair DPO losses and the implicit rewards of both answers.

    Parameters
    ----------
    policy_chosen_logps, policy_rejected_logps : float arrays (N,), log π of each answer
    reference_chosen_logps, reference_rejected_logps : float arrays (N,), log π_ref
    beta : float > 0

    Returns
    -------
    (losses, chosen_rewards, rejected_rewards): three float arrays of shape (N,)
    """
    pc = np.asarray(policy_chosen_logps, dtype=float)
    raise NotImplementedError("the log-ratio margin, then a stable -log sigmoid")
