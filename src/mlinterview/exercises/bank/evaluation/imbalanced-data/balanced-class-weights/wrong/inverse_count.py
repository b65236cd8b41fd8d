"""Uses 1 / count(c): the right ratios but the wrong scale (the weights sum to K, not n)."""
import numpy as np


def balanced_weights(y):
    classes, index, counts = np.unique(np.asarray(y), return_inverse=True, return_counts=True)
    w = 1.0 / counts
    return classes, w, w[index.reshape(-1)]
