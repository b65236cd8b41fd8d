import numpy as np


def attention_backward(q, k, v, grad_out):
    """Gradients of a loss through O = softmax(q kᵀ / sqrt(d)) v.

    Parameters
    ----------
    q : float array (..., L, d); k : float array (..., S, d); v : float array (..., S, d_v)
    grad_out : float array (..., L, d_v), the gradient of the loss with respect to O

    Returns
    -------
    (dq, dk, dv) : arrays of the shapes of q, k and v
    """
    q, k, v, grad_out = (np.asarray(a, dtype=float) for a in (q, k, v, grad_out))
    raise NotImplementedError("recompute P, then go back through P V, the softmax and q kᵀ")
