"""Deals each class's samples round-robin (the i-th sample of a class to fold i % k)
instead of giving each fold a consecutive block."""
import numpy as np


def stratified_kfold(y, n_splits):
    y = np.asarray(y)
    n, k = len(y), n_splits
    if k < 2 or k > n:
        raise ValueError("bad n_splits")
    _, first, inverse = np.unique(y, return_index=True, return_inverse=True)
    code = np.argsort(np.argsort(first))[inverse.reshape(-1)]
    counts = np.bincount(code)
    if np.all(counts < k):
        raise ValueError("every class is smaller than n_splits")
    fold = np.empty(n, dtype=int)
    for c in range(len(counts)):
        fold[code == c] = np.arange(counts[c]) % k
    return [np.flatnonzero(fold == f) for f in range(k)]
