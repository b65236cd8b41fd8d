"""Cuts [0, 1) into K equal bins (floor(u * K)), as if every category were equally
likely: the weights are ignored."""
import numpy as np


def sample_categorical(weights, u):
    k = len(weights)
    return np.minimum((np.asarray(u, dtype=float) * k).astype(int), k - 1)
