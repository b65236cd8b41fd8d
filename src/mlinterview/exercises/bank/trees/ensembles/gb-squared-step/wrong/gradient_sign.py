"""Steps along F - y (the gradient) instead of y - F (the negative gradient)."""
import numpy as np


def gb_squared_step(y, F, leaf, learning_rate):
    y, F, leaf = np.asarray(y, dtype=float), np.asarray(F, dtype=float), np.asarray(leaf)
    value = np.bincount(leaf, weights=F - y) / np.bincount(leaf)
    return F + learning_rate * value[leaf]
