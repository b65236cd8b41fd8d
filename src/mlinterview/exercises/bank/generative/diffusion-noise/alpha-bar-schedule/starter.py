import numpy as np


def alpha_bar_and_snr(betas):
    """Cumulative signal share alpha_bar_t = prod_{s <= t} (1 - beta_s) and the
    signal-to-noise ratio alpha_bar_t / (1 - alpha_bar_t) of every step.

    Parameters
    ----------
    betas : sequence of float, shape (T,), each in [0, 1)

    Returns
    -------
    (alpha_bar, snr) : two float arrays of shape (T,); snr is inf where alpha_bar is 1

    Raises
    ------
    ValueError if betas is not 1-D or a beta is outside [0, 1)
    """
    betas = np.asarray(betas, dtype=float)
    raise NotImplementedError("check the betas, a cumulative product, one division")
