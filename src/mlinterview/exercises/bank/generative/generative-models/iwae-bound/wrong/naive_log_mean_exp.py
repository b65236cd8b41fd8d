"""Takes log(mean(exp(log_w))): every weight underflows to 0 and the bound is -inf."""
import numpy as np


def iwae_bound(x, mu, logvar, eps, W, b):
    x, mu, logvar, eps, W, b = (np.asarray(a, dtype=float) for a in (x, mu, logvar, eps, W, b))
    z = mu + np.exp(0.5 * logvar) * eps
    lg = z @ W + b
    lpx = (x * -np.logaddexp(0, -lg) + (1 - x) * -np.logaddexp(0, lg)).sum(-1)
    lpz = (-0.5 * z**2 - 0.5 * np.log(2 * np.pi)).sum(-1)
    lqz = (-0.5 * eps**2 - 0.5 * logvar - 0.5 * np.log(2 * np.pi)).sum(-1)
    lw = lpx + lpz - lqz
    with np.errstate(divide="ignore"):
        return lw.mean(0), np.log(np.exp(lw).mean(0))
