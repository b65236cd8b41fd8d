"""Normalises with the unbiased variance (divide by N - 1), which training-mode batch norm
does not use."""
import numpy as np


def batchnorm_backward(x, gamma, beta, grad_out, eps=1e-5):
    n = x.shape[0]
    mean = x.mean(axis=0)
    var = x.var(axis=0, ddof=1)                       # biased (divide by N), as in the forward pass
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mean) * inv_std

    dbeta = grad_out.sum(axis=0)
    dgamma = (grad_out * x_hat).sum(axis=0)
    g = grad_out * gamma                      # dL/dx_hat
    # The mean and the variance depend on every sample: besides the direct path g / σ,
    # each x_j moves all the x_hat_i through them. The three terms: direct, through the
    # mean, through the variance.
    dx = inv_std / n * (n * g - g.sum(axis=0) - x_hat * (g * x_hat).sum(axis=0))
    return dx, dgamma, dbeta
