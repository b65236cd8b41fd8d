"""Uses n / count(c), forgetting the number of classes K in the denominator."""
import numpy as np


def balanced_weights(y):
    y = np.asarray(y)
    classes, index, counts = np.unique(y, return_inverse=True, return_counts=True)
    w = len(y) / counts
    return classes, w, w[index.reshape(-1)]
