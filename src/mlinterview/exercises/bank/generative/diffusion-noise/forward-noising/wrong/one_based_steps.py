"""Reads t as 1-based: alphas_cumprod[t - 1], which wraps to the last step at t = 0."""
import numpy as np


def q_sample(x0, t, betas, eps):
    x0, eps = np.asarray(x0, dtype=float), np.asarray(eps, dtype=float)
    abar = np.cumprod(1.0 - np.asarray(betas, dtype=float))[np.asarray(t) - 1]
    abar = abar.reshape(abar.shape + (1,) * (x0.ndim - abar.ndim))
    return np.sqrt(abar) * x0 + np.sqrt(1.0 - abar) * eps
