"""Shuffles the rows before cutting folds (the statement asks for no shuffling)."""
import itertools

import numpy as np


def kfold_mse(X, y, n_splits):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n = len(y)
    order = np.random.default_rng(0).permutation(n)
    X, y = X[order], y[order]
    sizes = np.full(n_splits, n // n_splits)
    sizes[: n % n_splits] += 1
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    scores = []
    for a, b in itertools.pairwise(bounds):
        test = np.zeros(n, dtype=bool)
        test[a:b] = True
        A = np.column_stack([np.ones((~test).sum()), X[~test]])
        w, *_ = np.linalg.lstsq(A, y[~test], rcond=None)
        pred = np.column_stack([np.ones(test.sum()), X[test]]) @ w
        scores.append(float(np.mean((y[test] - pred) ** 2)))
    return scores
