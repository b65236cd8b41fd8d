import numpy as np


def clip_grad_norm(grads, max_norm, norm_type=2.0):
    """Scale all gradients by one factor so that their joint norm is at most max_norm.

    grads: list of arrays (any shapes). Returns (list of clipped arrays, total norm before
    clipping as a float).
    """
    raise NotImplementedError("compute the global norm, then one common scale factor")
