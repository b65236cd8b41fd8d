"""Divides alpha_bar_t by beta_t, the noise added at that one step, instead of by the
total noise variance 1 - alpha_bar_t accumulated over all steps up to t."""
import numpy as np


def alpha_bar_and_snr(betas):
    b = np.asarray(betas, dtype=float)
    if b.ndim != 1 or not np.all((b >= 0) & (b < 1)):
        raise ValueError("betas: expected a 1-D array of values in [0, 1)")
    alpha_bar = np.cumprod(1.0 - b)
    with np.errstate(divide="ignore"):
        return alpha_bar, alpha_bar / b
