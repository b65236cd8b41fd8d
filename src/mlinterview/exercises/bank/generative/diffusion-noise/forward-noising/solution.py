import numpy as np


def q_sample(x0, t, betas, eps):
    """x_t = sqrt(abar_t) x0 + sqrt(1 - abar_t) eps, shape of x0."""
    x0 = np.asarray(x0, dtype=float)
    eps = np.asarray(eps, dtype=float)
    # abar_t = prod_{s <= t} (1 - beta_s): the share of the signal's variance left.
    alphas_cumprod = np.cumprod(1.0 - np.asarray(betas, dtype=float))
    abar = alphas_cumprod[np.asarray(t)]                 # scalar, or one value per example
    # Give abar trailing axes of length 1 so it scales each example's every entry.
    abar = abar.reshape(abar.shape + (1,) * (x0.ndim - abar.ndim))
    return np.sqrt(abar) * x0 + np.sqrt(1.0 - abar) * eps
