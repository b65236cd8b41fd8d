import numpy as np


def vae_reparam_kl(mu, logvar, eps):
    """Reparameterised sample z (n, d) and per-row KL(N(mu, e^logvar) || N(0, I)) (n,)."""
    mu, logvar, eps = (np.asarray(a, dtype=np.float64) for a in (mu, logvar, eps))
    sigma = np.exp(0.5 * logvar)  # log-variance -> standard deviation
    z = mu + sigma * eps
    kl = 0.5 * np.sum(np.exp(logvar) + mu**2 - 1.0 - logvar, axis=1)
    return z, kl
