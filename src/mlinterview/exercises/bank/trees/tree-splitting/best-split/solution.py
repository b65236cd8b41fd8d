import numpy as np


def _impurity(counts, criterion):
    """Gini or entropy of class counts along the last axis."""
    total = counts.sum(axis=-1, keepdims=True)
    p = counts / np.maximum(total, 1)
    if criterion == "gini":
        return 1.0 - (p**2).sum(axis=-1)
    logp = np.log2(np.where(p > 0, p, 1.0))
    return -(p * logp).sum(axis=-1)


def best_split(x, y, criterion="gini"):
    """Best threshold on one feature and its impurity decrease (see the statement)."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y)
    order = np.argsort(x, kind="stable")
    xs, ys = x[order], y[order]
    n = len(xs)
    _, codes = np.unique(ys, return_inverse=True)
    onehot = np.eye(codes.max() + 1)[codes]
    left = np.cumsum(onehot, axis=0)[:-1]              # counts left of a cut after i
    total = onehot.sum(axis=0)
    right = total - left
    n_left = np.arange(1, n)
    gain = (_impurity(total, criterion) - n_left / n * _impurity(left, criterion)
            - (n - n_left) / n * _impurity(right, criterion))
    valid = xs[1:] > xs[:-1]                           # only between distinct values
    if not valid.any():
        return None, 0.0
    gain = np.where(valid, gain, -np.inf)
    i = int(np.argmax(gain))                           # first maximum = smallest threshold
    return float((xs[i] + xs[i + 1]) / 2), float(gain[i])
