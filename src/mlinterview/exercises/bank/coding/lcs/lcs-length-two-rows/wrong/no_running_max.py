"""Forgets the left neighbour: no running maximum along the row."""
import numpy as np


def lcs_length(a, b):
    prev = np.zeros(len(b) + 1, dtype=int)
    bl = list(b)
    for s in a:
        match = np.array([s == t for t in bl], dtype=int)
        cur = np.zeros_like(prev)
        cur[1:] = np.maximum(prev[1:], prev[:-1] + match)
        prev = cur
    return int(prev.max())
