"""Checks that betas is 1-D but not their range: a beta of 1 or more, a negative one or
NaN gives numbers instead of a ValueError."""
import numpy as np


def alpha_bar_and_snr(betas):
    b = np.asarray(betas, dtype=float)
    if b.ndim != 1:
        raise ValueError("betas: expected a 1-D array")
    alpha_bar = np.cumprod(1.0 - b)
    with np.errstate(divide="ignore", invalid="ignore"):
        return alpha_bar, alpha_bar / (1.0 - alpha_bar)
