"""-log σ(-β z): the loss rewards preferring the rejected answer."""
import numpy as np


def dpo_loss(policy_chosen_logps, policy_rejected_logps, reference_chosen_logps,
             reference_rejected_logps, beta):
    pc, pr, rc, rr = (np.asarray(a, dtype=float) for a in (
        policy_chosen_logps, policy_rejected_logps, reference_chosen_logps,
        reference_rejected_logps))
    cr, rj = beta * (pc - rc), beta * (pr - rr)
    return np.logaddexp(0.0, cr - rj), cr, rj
