import numpy as np


def ddpm_loss_and_posterior(x0, t, betas, eps, eps_pred):
    """The noise-prediction loss and the reverse-step Gaussians of a DDPM.

    Parameters
    ----------
    x0, eps, eps_pred : float arrays of shape (n, d)
    t : int array of shape (n,), 0-based steps
    betas : float array of shape (T,)

    Returns
    -------
    (loss, post_mean, post_var, model_mean) : float, (n, d), (n,), (n, d)
    """
    x0 = np.asarray(x0, dtype=float)
    raise NotImplementedError("x_t, the loss, then the posterior's mean and variance")
