"""Zeroes the gradient whenever r leaves [1 - eps, 1 + eps], whatever the advantage's sign."""
import numpy as np


def ppo_clip_loss_grad(log_probs, old_log_probs, advantages, mask, clip_eps=0.2,
                       clip_eps_high=None):
    logp, old = np.asarray(log_probs, float), np.asarray(old_log_probs, float)
    adv, mask = np.asarray(advantages, float), np.asarray(mask, float)
    adv = adv[:, None] if adv.ndim == 1 else adv
    high = clip_eps if clip_eps_high is None else clip_eps_high
    r = np.exp(logp - old)
    unclipped, clipped = r * adv, np.clip(r, 1 - clip_eps, 1 + high) * adv
    n = mask.sum()
    inside = (r >= 1 - clip_eps) & (r <= 1 + high)
    return (float(-(np.minimum(unclipped, clipped) * mask).sum() / n),
            -np.where(inside, unclipped, 0.0) * mask / n)
