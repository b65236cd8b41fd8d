"""Treats logvar as log(sigma): scales eps by exp(logvar) instead of exp(logvar / 2)."""
import numpy as np


def vae_reparam_kl(mu, logvar, eps):
    mu, logvar, eps = (np.asarray(a, dtype=np.float64) for a in (mu, logvar, eps))
    z = mu + np.exp(logvar) * eps
    kl = 0.5 * np.sum(np.exp(logvar) + mu**2 - 1.0 - logvar, axis=1)
    return z, kl
