"""Searches with side="left" (the first S[k] >= u * total): a uniform on a boundary is
given to the category that ends there, and a leading category of weight 0 is drawn for
u = 0."""
import numpy as np


def sample_categorical(weights, u):
    cumulative = np.cumsum(np.asarray(weights, dtype=float))
    return np.searchsorted(cumulative, np.asarray(u, dtype=float) * cumulative[-1], side="left")
