import numpy as np


def bootstrap_oob(draws, n_samples):
    """Bootstrap counts (n_trees, n_samples) and the out-of-bag mask of the same shape."""
    draws = np.asarray(draws, dtype=int).reshape(len(draws), -1)
    n_trees = draws.shape[0]
    # One bincount for all trees: shift tree b's indices into its own block
    # [b * n_samples, (b + 1) * n_samples), count, and fold the blocks back into rows.
    # minlength keeps rows that no tree drew (the last rows in particular).
    shifted = draws + n_samples * np.arange(n_trees)[:, None]
    counts = np.bincount(shifted.ravel(), minlength=n_trees * n_samples)
    counts = counts.reshape(n_trees, n_samples)
    return counts, counts == 0
