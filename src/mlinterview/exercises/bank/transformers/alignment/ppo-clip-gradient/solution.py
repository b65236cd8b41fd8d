import numpy as np


def ppo_clip_loss_grad(log_probs, old_log_probs, advantages, mask, clip_eps=0.2,
                       clip_eps_high=None):
    """(mean of -min(r A, clip(r) A) over the mask, its gradient wrt log_probs)."""
    log_probs = np.asarray(log_probs, dtype=float)
    old = np.asarray(old_log_probs, dtype=float)
    adv = np.asarray(advantages, dtype=float)
    mask = np.asarray(mask, dtype=float)
    if adv.ndim == 1:
        adv = adv[:, None]                     # one advantage per answer, for every token
    high = clip_eps if clip_eps_high is None else clip_eps_high
    ratio = np.exp(log_probs - old)
    unclipped = ratio * adv
    clipped = np.clip(ratio, 1 - clip_eps, 1 + high) * adv
    n_tokens = mask.sum()
    loss = -(np.minimum(unclipped, clipped) * mask).sum() / n_tokens
    # The min follows r A unless the clip has taken over (r past 1 + ε with A > 0, or
    # below 1 - ε with A < 0); there the term is constant. d(r A)/d log r = r A.
    active = unclipped <= clipped
    grad = -np.where(active, unclipped, 0.0) * mask / n_tokens
    return float(loss), grad
