"""Uses the natural logarithm for entropy: gains in nats, not bits."""
import numpy as np


def best_split(x, y, criterion="gini"):
    x, y = np.asarray(x, dtype=float), np.asarray(y)
    order = np.argsort(x, kind="stable")
    xs, ys = x[order], y[order]
    n = len(xs)
    _, codes = np.unique(ys, return_inverse=True)
    onehot = np.eye(codes.max() + 1)[codes]
    left = np.cumsum(onehot, axis=0)[:-1]
    total = onehot.sum(axis=0)

    def imp(c):
        p = c / np.maximum(c.sum(axis=-1, keepdims=True), 1)
        if criterion == "gini":
            return 1 - (p**2).sum(axis=-1)
        return -(p * np.log(np.where(p > 0, p, 1))).sum(axis=-1)

    nl = np.arange(1, n)
    gain = imp(total) - nl / n * imp(left) - (n - nl) / n * imp(total - left)
    valid = xs[1:] > xs[:-1]
    if not valid.any():
        return None, 0.0
    gain = np.where(valid, gain, -np.inf)
    i = int(np.argmax(gain))
    return float((xs[i] + xs[i + 1]) / 2), float(gain[i])
