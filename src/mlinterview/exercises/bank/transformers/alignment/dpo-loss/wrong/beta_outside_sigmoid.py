"""-β log σ(z): β scales the loss instead of the logit."""
import numpy as np


def dpo_loss(policy_chosen_logps, policy_rejected_logps, reference_chosen_logps,
             reference_rejected_logps, beta):
    pc, pr, rc, rr = (np.asarray(a, dtype=float) for a in (
        policy_chosen_logps, policy_rejected_logps, reference_chosen_logps,
        reference_rejected_logps))
    z = (pc - rc) - (pr - rr)
    return beta * np.logaddexp(0.0, -z), beta * (pc - rc), beta * (pr - rr)
