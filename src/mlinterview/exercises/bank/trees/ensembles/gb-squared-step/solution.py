import numpy as np


def gb_squared_step(y, F, leaf, learning_rate):
    """F + learning_rate * (mean residual of each sample's leaf), shape (n,)."""
    y = np.asarray(y, dtype=float)
    F = np.asarray(F, dtype=float)
    leaf = np.asarray(leaf, dtype=int)
    residual = y - F                        # negative gradient of (y - F)^2 / 2
    # Mean residual per leaf id: sums and counts with one bincount each.
    sums = np.bincount(leaf, weights=residual)
    counts = np.bincount(leaf)
    value = sums[leaf] / counts[leaf]       # every sample's leaf has count >= 1
    return F + learning_rate * value
