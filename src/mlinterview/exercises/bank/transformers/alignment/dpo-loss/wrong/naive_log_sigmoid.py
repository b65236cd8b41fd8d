"""log(sigmoid(x)) in two steps: sigmoid underflows to 0 and the loss becomes inf."""
import numpy as np


def dpo_loss(policy_chosen_logps, policy_rejected_logps, reference_chosen_logps,
             reference_rejected_logps, beta):
    pc, pr, rc, rr = (np.asarray(a, dtype=float) for a in (
        policy_chosen_logps, policy_rejected_logps, reference_chosen_logps,
        reference_rejected_logps))
    cr, rj = beta * (pc - rc), beta * (pr - rr)
    with np.errstate(over="ignore", divide="ignore"):
        losses = -np.log(1.0 / (1.0 + np.exp(-(cr - rj))))
    return losses, cr, rj
