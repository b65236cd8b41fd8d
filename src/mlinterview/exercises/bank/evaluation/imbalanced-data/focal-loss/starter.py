import numpy as np


def focal_loss_grad(logits, targets, gamma=2.0, alpha=0.25):
    """Mean sigmoid focal loss (torchvision's definition) and its gradient w.r.t. the logits.

    Parameters
    ----------
    logits : array-like of float, any shape
    targets : array-like of 0/1, same shape
    gamma : float >= 0, focusing parameter
    alpha : float in [0, 1] or None; weight alpha for targets 1, 1 - alpha for targets 0

    Returns
    -------
    (loss, grad) : float, and ndarray of the shape of logits (∂ mean loss / ∂ logits).
    """
    raise NotImplementedError("stable log p and log(1 - p), then the loss and its derivative")
