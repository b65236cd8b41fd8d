"""Allows children smaller than min_samples_leaf."""
import numpy as np


def best_variance_split(x, y, min_samples_leaf=1):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    n = len(x)
    o = np.argsort(x, kind="stable")
    xs, ys = x[o], y[o] - y.mean()
    nl = np.arange(1, n)
    sl = np.cumsum(ys)[:-1]
    gain = (sl**2 / nl + (ys.sum() - sl) ** 2 / (n - nl) - ys.sum() ** 2 / n) / n
    ok = xs[1:] > xs[:-1]
    if not ok.any():
        return None, 0.0
    i = int(np.argmax(np.where(ok, gain, -np.inf)))
    return float((xs[i] + xs[i + 1]) / 2), float(gain[i])
