"""Multiplies only the alphas of the steps before t (an exclusive cumulative product that
starts at 1), so alpha_bar and the SNR are one step behind."""
import numpy as np


def alpha_bar_and_snr(betas):
    b = np.asarray(betas, dtype=float)
    if b.ndim != 1 or not np.all((b >= 0) & (b < 1)):
        raise ValueError("betas: expected a 1-D array of values in [0, 1)")
    alpha_bar = np.concatenate([[1.0], np.cumprod(1.0 - b)[:-1]])
    with np.errstate(divide="ignore"):
        return alpha_bar, alpha_bar / (1.0 - alpha_bar)
