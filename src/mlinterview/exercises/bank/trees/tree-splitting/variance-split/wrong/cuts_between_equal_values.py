"""Scores cuts between equal x values, which no threshold can realise."""
import numpy as np


def best_variance_split(x, y, min_samples_leaf=1):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    n = len(x)
    o = np.argsort(x, kind="stable")
    xs, ys = x[o], y[o] - y.mean()
    nl = np.arange(1, n)
    nr = n - nl
    sl = np.cumsum(ys)[:-1]
    gain = (sl**2 / nl + (ys.sum() - sl) ** 2 / nr - ys.sum() ** 2 / n) / n
    ok = (nl >= min_samples_leaf) & (nr >= min_samples_leaf)
    if not ok.any() or xs[0] == xs[-1]:
        return None, 0.0
    i = int(np.argmax(np.where(ok, gain, -np.inf)))
    return float((xs[i] + xs[i + 1]) / 2), float(gain[i])
