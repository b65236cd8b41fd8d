"""Computes log sigma(l) as log(1 / (1 + exp(-l))): -inf, then NaN, at large logits."""
import numpy as np


def iwae_bound(x, mu, logvar, eps, W, b):
    x, mu, logvar, eps, W, b = (np.asarray(a, dtype=float) for a in (x, mu, logvar, eps, W, b))
    z = mu + np.exp(0.5 * logvar) * eps
    lg = z @ W + b
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        s = 1 / (1 + np.exp(-lg))
        lpx = (x * np.log(s) + (1 - x) * np.log(1 - s)).sum(-1)
    lpz = (-0.5 * z**2 - 0.5 * np.log(2 * np.pi)).sum(-1)
    lqz = (-0.5 * eps**2 - 0.5 * logvar - 0.5 * np.log(2 * np.pi)).sum(-1)
    lw = lpx + lpz - lqz
    top = lw.max(0)
    with np.errstate(invalid="ignore"):
        return lw.mean(0), top + np.log(np.exp(lw - top).mean(0))
