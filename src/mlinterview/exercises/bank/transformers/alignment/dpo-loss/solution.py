import numpy as np


def dpo_loss(policy_chosen_logps, policy_rejected_logps, reference_chosen_logps,
             reference_rejected_logps, beta):
    """(-log σ(β z), β (log π_c - log π_ref,c), β (log π_r - log π_ref,r))."""
    pc, pr, rc, rr = (np.asarray(a, dtype=float) for a in (
        policy_chosen_logps, policy_rejected_logps, reference_chosen_logps,
        reference_rejected_logps))
    chosen_rewards = beta * (pc - rc)
    rejected_rewards = beta * (pr - rr)
    # -log σ(x) = log(1 + e^-x) = logaddexp(0, -x): finite for every x.
    losses = np.logaddexp(0.0, -(chosen_rewards - rejected_rewards))
    return losses, chosen_rewards, rejected_rewards
