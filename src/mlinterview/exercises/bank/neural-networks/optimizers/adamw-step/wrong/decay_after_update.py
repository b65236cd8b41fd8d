"""Applies the decay to the weights after the Adam update instead of before it."""
import numpy as np


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8,
               weight_decay=1e-2):
    param = np.asarray(param, dtype=float)
    grad = np.asarray(grad, dtype=float)
    # Decoupled weight decay: shrink the weights directly, outside the adaptive step, so
    # every weight decays at the same rate lr·λ whatever its gradient history.
    # The Adam step proper uses the raw gradient (no λθ term in it).
    new_m = beta1 * m + (1.0 - beta1) * grad
    new_v = beta2 * v + (1.0 - beta2) * grad * grad
    m_hat = new_m / (1.0 - beta1 ** t)
    v_hat = new_v / (1.0 - beta2 ** t)
    new_param = (param - lr * m_hat / (np.sqrt(v_hat) + eps)) * (1.0 - lr * weight_decay)
    return new_param, new_m, new_v
