"""bincount without minlength: rows after the largest drawn index are missing."""
import numpy as np


def bootstrap_oob(draws, n_samples):
    draws = np.asarray(draws, dtype=int).reshape(len(draws), -1)
    counts = [np.bincount(row) for row in draws]
    width = max(len(c) for c in counts)
    counts = np.array([np.pad(c, (0, width - len(c))) for c in counts], dtype=int)
    return counts, counts == 0
