"""Returns one KL for the whole batch (the sum over rows) instead of one per row."""
import numpy as np


def vae_reparam_kl(mu, logvar, eps):
    mu, logvar, eps = (np.asarray(a, dtype=np.float64) for a in (mu, logvar, eps))
    z = mu + np.exp(0.5 * logvar) * eps
    kl = 0.5 * np.sum(np.exp(logvar) + mu**2 - 1.0 - logvar)
    return z, kl
