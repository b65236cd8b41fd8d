"""Reports the sample standard deviation (ddof=1) instead of the population one."""
import numpy as np


def _predict(tree, X):
    left, right = np.asarray(tree["children_left"]), np.asarray(tree["children_right"])
    feature = np.asarray(tree["feature"])
    threshold = np.asarray(tree["threshold"], dtype=float)
    value = np.asarray(tree["value"], dtype=float)
    node = np.zeros(len(X), dtype=int)
    for _ in range(len(left)):
        inner = left[node] != -1
        if not inner.any():
            break
        idx = np.flatnonzero(inner)
        at = node[idx]
        node[idx] = np.where(X[idx, feature[at]] <= threshold[at], left[at], right[at])
    return value[node]


def _r2(y, pred):
    return 1.0 - ((y - pred) ** 2).sum() / ((y - y.mean()) ** 2).sum()


def permutation_importance(tree, X, y, perms):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    base = _r2(y, _predict(tree, X))
    drops = np.zeros((X.shape[1], len(perms)))
    for j in range(X.shape[1]):
        for r, perm in enumerate(np.asarray(perms)):
            shuffled = X.copy()
            shuffled[:, j] = X[perm, j]
            drops[j, r] = base - _r2(y, _predict(tree, shuffled))
    std = drops.std(axis=1, ddof=1) if len(perms) > 1 else np.zeros(X.shape[1])
    return drops.mean(axis=1), std
