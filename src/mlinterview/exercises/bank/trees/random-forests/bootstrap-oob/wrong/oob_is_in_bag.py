"""Marks the rows a tree drew as out of bag (the mask is inverted)."""
import numpy as np


def bootstrap_oob(draws, n_samples):
    draws = np.asarray(draws, dtype=int).reshape(len(draws), -1)
    counts = np.stack([np.bincount(row, minlength=n_samples) for row in draws])
    return counts, counts > 0
