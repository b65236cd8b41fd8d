"""Folds overlap: the model is fitted on all rows, test fold included (leakage)."""
import itertools

import numpy as np


def kfold_mse(X, y, n_splits):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n = len(y)
    sizes = np.full(n_splits, n // n_splits)
    sizes[: n % n_splits] += 1
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    A = np.column_stack([np.ones(n), X])
    w, *_ = np.linalg.lstsq(A, y, rcond=None)
    return [float(np.mean((y[a:b] - A[a:b] @ w) ** 2)) for a, b in itertools.pairwise(bounds)]
