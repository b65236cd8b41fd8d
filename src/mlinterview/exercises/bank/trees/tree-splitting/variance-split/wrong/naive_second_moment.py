"""Computes each variance as E[y^2] - E[y]^2 on raw y: catastrophic cancellation at 1e8."""
import numpy as np


def best_variance_split(x, y, min_samples_leaf=1):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    n = len(x)
    o = np.argsort(x, kind="stable")
    xs, ys = x[o], y[o]
    nl = np.arange(1, n)
    nr = n - nl
    s, s2 = np.cumsum(ys)[:-1], np.cumsum(ys**2)[:-1]
    var = (ys**2).mean() - ys.mean() ** 2
    var_l = s2 / nl - (s / nl) ** 2
    var_r = ((ys**2).sum() - s2) / nr - ((ys.sum() - s) / nr) ** 2
    gain = var - nl / n * var_l - nr / n * var_r
    ok = (xs[1:] > xs[:-1]) & (nl >= min_samples_leaf) & (nr >= min_samples_leaf)
    if not ok.any():
        return None, 0.0
    i = int(np.argmax(np.where(ok, gain, -np.inf)))
    return float((xs[i] + xs[i + 1]) / 2), float(gain[i])
