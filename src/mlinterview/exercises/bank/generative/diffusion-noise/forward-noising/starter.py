import numpy as np


def q_sample(x0, t, betas, eps):
    """Noised examples x_t = sqrt(abar_t) x0 + sqrt(1 - abar_t) eps.

    Parameters
    ----------
    x0, eps : float arrays of the same shape (n, ...)
    t : int, or int array of shape (n,): 0-based step of each example
    betas : float array of shape (T,), the noise schedule

    Returns
    -------
    ndarray of the shape of x0
    """
    x0 = np.asarray(x0, dtype=float)
    raise NotImplementedError("alphas_cumprod from the betas, then one line of algebra")
