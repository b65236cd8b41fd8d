"""Returns the shrunk step alone, dropping the current predictions."""
import numpy as np


def gb_squared_step(y, F, leaf, learning_rate):
    y, F, leaf = np.asarray(y, dtype=float), np.asarray(F, dtype=float), np.asarray(leaf)
    value = np.bincount(leaf, weights=y - F) / np.bincount(leaf)
    return learning_rate * value[leaf]
