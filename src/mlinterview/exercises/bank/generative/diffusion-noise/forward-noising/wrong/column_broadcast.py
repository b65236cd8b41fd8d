"""Adds one axis to the per-example abar (n, 1): right for vectors, wrong for images."""
import numpy as np


def q_sample(x0, t, betas, eps):
    x0, eps = np.asarray(x0, dtype=float), np.asarray(eps, dtype=float)
    abar = np.cumprod(1.0 - np.asarray(betas, dtype=float))[np.asarray(t)]
    if np.ndim(abar) == 1 and x0.ndim > 1:
        abar = abar[:, None]
    return np.sqrt(abar) * x0 + np.sqrt(1.0 - abar) * eps
