import numpy as np


def mutual_information(x, y, base=2.0):
    """Mutual information of the empirical joint distribution of two label arrays."""
    # Map arbitrary labels to 0..A-1 and 0..B-1.
    _, xi = np.unique(np.asarray(x), return_inverse=True)
    _, yi = np.unique(np.asarray(y), return_inverse=True)
    n_a, n_b = xi.max() + 1, yi.max() + 1
    # Contingency table in one pass: cell (a, b) has flat index a * B + b.
    counts = np.bincount(xi * n_b + yi, minlength=n_a * n_b).reshape(n_a, n_b)
    p_ab = counts / xi.size
    p_a = p_ab.sum(axis=1, keepdims=True)         # (A, 1)
    p_b = p_ab.sum(axis=0, keepdims=True)         # (1, B)
    nonzero = p_ab > 0                            # 0 log 0 = 0: skip empty cells
    ratio = p_ab[nonzero] / (p_a * p_b)[nonzero]
    mi = np.sum(p_ab[nonzero] * np.log(ratio)) / np.log(base)
    return max(float(mi), 0.0)
