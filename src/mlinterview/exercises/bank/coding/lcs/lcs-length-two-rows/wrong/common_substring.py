"""Resets to 0 on a mismatch: the longest common substring, not subsequence."""
import numpy as np


def lcs_length(a, b):
    best, prev = 0, np.zeros(len(b) + 1, dtype=int)
    bl = list(b)
    for s in a:
        cur = np.zeros_like(prev)
        match = np.array([s == t for t in bl], dtype=bool)
        cur[1:] = np.where(match, prev[:-1] + 1, 0)
        best = max(best, int(cur.max()))
        prev = cur
    return best
