import numpy as np


def alpha_bar_and_snr(betas):
    """(alpha_bar, snr), both (T,): alpha_bar_t = prod_{s <= t} (1 - beta_s) and
    snr_t = alpha_bar_t / (1 - alpha_bar_t). ValueError unless betas is 1-D in [0, 1)."""
    b = np.asarray(betas, dtype=float)
    # Written as "inside [0, 1)" so that NaN, which fails every comparison, is refused too.
    if b.ndim != 1 or not np.all((b >= 0) & (b < 1)):
        raise ValueError(f"betas: expected a 1-D array of values in [0, 1), got {betas!r}")
    alpha_bar = np.cumprod(1.0 - b)
    with np.errstate(divide="ignore"):       # alpha_bar = 1 (nothing noised yet): SNR = inf
        snr = alpha_bar / (1.0 - alpha_bar)
    return alpha_bar, snr
