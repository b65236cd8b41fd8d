"""Scores each tree separately and averages the scores, instead of averaging the path
lengths and scoring once (2^(-h/c) is not linear in h)."""
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
    paths = np.zeros(len(X))
    scores = np.zeros(len(X))
    for tree in trees:
        left, right = np.asarray(tree["left"]), np.asarray(tree["right"])
        feature, threshold = np.asarray(tree["feature"]), np.asarray(tree["threshold"])
        extra = _c(tree["n_samples"])
        for i, x in enumerate(X):
            node, depth = 0, 0
            while left[node] != -1:
                node = left[node] if x[feature[node]] <= threshold[node] else right[node]
                depth += 1
            h = depth + extra[node]
            paths[i] += h
            scores[i] += 2.0 ** (-h / _c(max_samples))
    return paths / len(trees), scores / len(trees)
