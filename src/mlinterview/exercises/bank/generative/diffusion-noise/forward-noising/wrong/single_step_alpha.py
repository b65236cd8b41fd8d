"""Uses the single step's alpha_t = 1 - beta_t instead of the cumulative product."""
import numpy as np


def q_sample(x0, t, betas, eps):
    x0, eps = np.asarray(x0, dtype=float), np.asarray(eps, dtype=float)
    alpha = (1.0 - np.asarray(betas, dtype=float))[np.asarray(t)]
    alpha = alpha.reshape(alpha.shape + (1,) * (x0.ndim - alpha.ndim))
    return np.sqrt(alpha) * x0 + np.sqrt(1.0 - alpha) * eps
