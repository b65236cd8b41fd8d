import numpy as np


def layer_gradient_norms(x, weights, grad_out, activation="tanh"):
    """Frobenius norms of dL/dW_l (shape (L,)) and of dL/dh_l for l = 0..L (shape (L + 1,))
    for h_l = activation(h_{l-1} @ W_l), h_0 = x (B, d_0), given dL/dh_L = grad_out."""
    raise NotImplementedError("forward pass keeping every layer, then backward")
