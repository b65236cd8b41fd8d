import numpy as np


def ppo_clip_loss_grad(log_probs, old_log_probs, advantages, mask, clip_eps=0.2,
                       clip_eps_high=None):
    """PPO's clipped surrogate loss (token mean over the mask) and d loss / d log_probs.

    Parameters
    ----------
    log_probs, old_log_probs : float arrays of shape (B, T)
    advantages : float array of shape (B,) (per answer) or (B, T) (per token)
    mask : 0/1 array of shape (B, T)
    clip_eps : float, the lower (and by default upper) clip width
    clip_eps_high : float or None, the upper clip width

    Returns
    -------
    (loss, grad): a float and an array of shape (B, T)
    """
    log_probs = np.asarray(log_probs, dtype=float)
    raise NotImplementedError("ratios, the two terms, which one the min picks, the mean")
