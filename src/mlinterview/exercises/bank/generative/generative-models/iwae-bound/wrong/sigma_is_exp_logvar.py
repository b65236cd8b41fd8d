"""Uses exp(logvar) as the standard deviation instead of exp(logvar / 2)."""
import numpy as np


def iwae_bound(x, mu, logvar, eps, W, b):
    x, mu, logvar, eps, W, b = (np.asarray(a, dtype=float) for a in (x, mu, logvar, eps, W, b))
    z = mu + np.exp(logvar) * eps
    lg = z @ W + b
    lpx = (x * -np.logaddexp(0, -lg) + (1 - x) * -np.logaddexp(0, lg)).sum(-1)
    lpz = (-0.5 * z**2 - 0.5 * np.log(2 * np.pi)).sum(-1)
    lqz = (-0.5 * eps**2 - logvar - 0.5 * np.log(2 * np.pi)).sum(-1)
    lw = lpx + lpz - lqz
    top = lw.max(0)
    return lw.mean(0), top + np.log(np.exp(lw - top).mean(0))
