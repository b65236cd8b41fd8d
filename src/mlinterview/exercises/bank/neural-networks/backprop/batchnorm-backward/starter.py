import numpy as np


def batchnorm_backward(x, gamma, beta, grad_out, eps=1e-5):
    """Gradients (dx, dgamma, dbeta) of training-mode batch norm
    y = gamma * (x - mean) / sqrt(var + eps) + beta over the batch axis of x (N, D)."""
    raise NotImplementedError("recompute x_hat, then the three terms of dx")
