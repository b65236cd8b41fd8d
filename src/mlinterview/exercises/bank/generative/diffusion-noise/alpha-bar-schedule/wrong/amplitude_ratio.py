"""Takes the SNR as the ratio of the amplitudes sqrt(alpha_bar) / sqrt(1 - alpha_bar)
instead of the ratio of the variances alpha_bar / (1 - alpha_bar)."""
import numpy as np


def alpha_bar_and_snr(betas):
    b = np.asarray(betas, dtype=float)
    if b.ndim != 1 or not np.all((b >= 0) & (b < 1)):
        raise ValueError("betas: expected a 1-D array of values in [0, 1)")
    alpha_bar = np.cumprod(1.0 - b)
    with np.errstate(divide="ignore"):
        return alpha_bar, np.sqrt(alpha_bar) / np.sqrt(1.0 - alpha_bar)
