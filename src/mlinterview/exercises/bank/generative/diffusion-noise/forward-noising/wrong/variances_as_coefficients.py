"""Scales by the variances abar and 1 - abar instead of their square roots."""
import numpy as np


def q_sample(x0, t, betas, eps):
    x0, eps = np.asarray(x0, dtype=float), np.asarray(eps, dtype=float)
    abar = np.cumprod(1.0 - np.asarray(betas, dtype=float))[np.asarray(t)]
    abar = abar.reshape(abar.shape + (1,) * (x0.ndim - abar.ndim))
    return abar * x0 + (1.0 - abar) * eps
