"""Numbers the classes in sorted label order (np.unique) instead of order of first
appearance, so remainders go to other folds."""
import numpy as np


def stratified_kfold(y, n_splits):
    y = np.asarray(y)
    n, k = len(y), n_splits
    if k < 2 or k > n:
        raise ValueError("bad n_splits")
    _, code = np.unique(y, return_inverse=True)
    code = code.reshape(-1)
    counts = np.bincount(code)
    if np.all(counts < k):
        raise ValueError("every class is smaller than n_splits")
    sorted_codes = np.sort(code)
    alloc = np.array([np.bincount(sorted_codes[f::k], minlength=len(counts)) for f in range(k)])
    fold = np.empty(n, dtype=int)
    for c in range(len(counts)):
        fold[code == c] = np.repeat(np.arange(k), alloc[:, c])
    return [np.flatnonzero(fold == f) for f in range(k)]
