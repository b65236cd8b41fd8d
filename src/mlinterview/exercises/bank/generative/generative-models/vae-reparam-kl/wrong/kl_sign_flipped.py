"""KL with the sign flipped: returns -KL, which is never positive."""
import numpy as np


def vae_reparam_kl(mu, logvar, eps):
    mu, logvar, eps = (np.asarray(a, dtype=np.float64) for a in (mu, logvar, eps))
    z = mu + np.exp(0.5 * logvar) * eps
    kl = -0.5 * np.sum(np.exp(logvar) + mu**2 - 1.0 - logvar, axis=1)
    return z, kl
