"""Right losses, but reports the raw log-ratios as rewards, without the factor β."""
import numpy as np


def dpo_loss(policy_chosen_logps, policy_rejected_logps, reference_chosen_logps,
             reference_rejected_logps, beta):
    pc, pr, rc, rr = (np.asarray(a, dtype=float) for a in (
        policy_chosen_logps, policy_rejected_logps, reference_chosen_logps,
        reference_rejected_logps))
    cr, rj = pc - rc, pr - rr
    return np.logaddexp(0.0, -beta * (cr - rj)), cr, rj
