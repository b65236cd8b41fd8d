"""Uses the single step's alpha_t = 1 - beta_t as alpha_bar_t instead of the cumulative
product of every alpha up to t."""
import numpy as np


def alpha_bar_and_snr(betas):
    b = np.asarray(betas, dtype=float)
    if b.ndim != 1 or not np.all((b >= 0) & (b < 1)):
        raise ValueError("betas: expected a 1-D array of values in [0, 1)")
    alpha = 1.0 - b
    with np.errstate(divide="ignore"):
        return alpha, alpha / (1.0 - alpha)
