"""Drops the reference log-probabilities from the margin: nothing anchors the policy."""
import numpy as np


def dpo_loss(policy_chosen_logps, policy_rejected_logps, reference_chosen_logps,
             reference_rejected_logps, beta):
    pc, pr, rc, rr = (np.asarray(a, dtype=float) for a in (
        policy_chosen_logps, policy_rejected_logps, reference_chosen_logps,
        reference_rejected_logps))
    return np.logaddexp(0.0, -beta * (pc - pr)), beta * (pc - rc), beta * (pr - rr)
