"""Takes the step with the moments of the previous step, then updates them."""
import numpy as np


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m_hat = (beta1 * m + (1 - beta1) * grad) / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    new = param - lr * m_hat / (np.sqrt(v_hat) + eps)
    return new, beta1 * m + (1 - beta1) * grad, beta2 * v + (1 - beta2) * grad * grad
