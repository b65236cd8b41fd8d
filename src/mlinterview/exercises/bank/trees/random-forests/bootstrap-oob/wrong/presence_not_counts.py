"""Records whether a row was drawn (0/1), losing how many times: the bootstrap weight."""
import numpy as np


def bootstrap_oob(draws, n_samples):
    draws = np.asarray(draws, dtype=int).reshape(len(draws), -1)
    counts = np.stack([np.isin(np.arange(n_samples), row) for row in draws]).astype(int)
    return counts, counts == 0
