"""Counts the draws of all trees together and gives every tree the pooled counts."""
import numpy as np


def bootstrap_oob(draws, n_samples):
    draws = np.asarray(draws, dtype=int).reshape(len(draws), -1)
    pooled = np.bincount(draws.ravel(), minlength=n_samples)
    counts = np.tile(pooled, (len(draws), 1))
    return counts, counts == 0
