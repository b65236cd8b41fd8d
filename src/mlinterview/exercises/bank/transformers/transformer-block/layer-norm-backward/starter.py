import numpy as np


def layer_norm_backward(x, gamma, grad_out, eps):
    """Gradients of a loss through y = LayerNorm(x) · gamma + beta (last axis).

    Parameters
    ----------
    x : float array (..., d); gamma : float array (d,)
    grad_out : float array (..., d), the gradient of the loss with respect to y
    eps : float >= 0

    Returns
    -------
    (dx, dgamma, dbeta) : arrays of shapes x.shape, (d,), (d,)
    """
    x = np.asarray(x, dtype=float)
    raise NotImplementedError("recompute x_hat, then the three gradients")
