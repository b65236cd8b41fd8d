"""Weights each class by its frequency count(c) / n: the majority class gets MORE weight."""
import numpy as np


def balanced_weights(y):
    y = np.asarray(y)
    classes, index, counts = np.unique(y, return_inverse=True, return_counts=True)
    w = counts / len(y)
    return classes, w, w[index.reshape(-1)]
