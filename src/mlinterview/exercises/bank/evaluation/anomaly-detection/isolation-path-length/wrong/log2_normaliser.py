"""Normalises the path length by log2(max_samples) (the depth limit) instead of
c(max_samples)."""
import numpy as np


def _c(n):
    n = np.asarray(n, float)
    out = np.zeros_like(n)
    big = n > 2
    out[big] = 2 * (np.log(n[big] - 1) + np.euler_gamma) - 2 * (n[big] - 1) / n[big]
    out[n == 2] = 1.0
    return out


def isolation_scores(trees, X, max_samples):
    X = np.asarray(X, float)
    total = np.zeros(len(X))
    for tree in trees:
        left, right = np.asarray(tree["left"]), np.asarray(tree["right"])
        feature, threshold = np.asarray(tree["feature"]), np.asarray(tree["threshold"])
        extra = _c(tree["n_samples"])
        for i, x in enumerate(X):
            node, depth = 0, 0
            while left[node] != -1:
                node = left[node] if x[feature[node]] <= threshold[node] else right[node]
                depth += 1
            total[i] += depth + extra[node]
    path = total / len(trees)
    return path, 2.0 ** (-path / max(np.log2(max_samples), 1.0))
