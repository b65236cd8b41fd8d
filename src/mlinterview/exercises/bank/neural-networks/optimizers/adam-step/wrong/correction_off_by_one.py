"""Bias-corrects with t - 1 (the previous step count) instead of t."""
import numpy as np


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad * grad
    k = max(t - 1, 1)
    m_hat, v_hat = m / (1 - beta1**k), v / (1 - beta2**k)
    return param - lr * m_hat / (np.sqrt(v_hat) + eps), m, v
