import numpy as np


def stratified_kfold(y, n_splits):
    """Test indices of each fold of scikit-learn's StratifiedKFold(n_splits), no shuffle."""
    y = np.asarray(y)
    n, k = len(y), n_splits
    if k < 2:
        raise ValueError(f"n_splits must be at least 2, got {k}")
    if k > n:
        raise ValueError(f"n_splits={k} is greater than the number of samples {n}")

    # 1. Codes by first appearance: np.unique sorts the labels; rank them instead by the
    #    index where each one first occurs.
    _, first, inverse = np.unique(y, return_index=True, return_inverse=True)
    rank_of_sorted = np.argsort(np.argsort(first))      # sorted-label id -> appearance rank
    code = rank_of_sorted[inverse.reshape(-1)]
    counts = np.bincount(code)
    n_classes = len(counts)
    if np.all(counts < k):
        raise ValueError(f"n_splits={k} is greater than the size of every class {counts}")

    # 2. Deal the sorted codes round-robin: fold f gets sorted positions f, f + k, ...
    sorted_codes = np.sort(code)
    allocation = np.array([np.bincount(sorted_codes[f::k], minlength=n_classes)
                           for f in range(k)])              # (k, n_classes)

    # 3. Within each class, in data order, hand out consecutive blocks of fold numbers.
    fold = np.empty(n, dtype=int)
    for c in range(n_classes):
        fold[code == c] = np.repeat(np.arange(k), allocation[:, c])
    return [np.flatnonzero(fold == f) for f in range(k)]
