import numpy as np


def vae_reparam_kl(mu, logvar, eps):
    """Reparameterised sample and closed-form KL of a diagonal Gaussian against N(0, I).

    Parameters
    ----------
    mu, logvar, eps : array-like of shape (n, d)
        Means, log-variances and standard-normal draws.

    Returns
    -------
    z : ndarray of shape (n, d)
        mu + exp(logvar / 2) * eps.
    kl : ndarray of shape (n,)
        1/2 * sum_j (exp(logvar_j) + mu_j**2 - 1 - logvar_j) for each row.
    """
    mu, logvar, eps = (np.asarray(a, dtype=np.float64) for a in (mu, logvar, eps))
    raise NotImplementedError("build z from mu, sigma and eps; then the KL per row")
