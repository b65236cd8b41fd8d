import numpy as np


def _codes(a, b):
    """Both sequences as integer arrays, equal symbols getting equal codes."""
    symbols = {s: k for k, s in enumerate(set(a) | set(b))}
    return (np.array([symbols[s] for s in a], dtype=np.int64),
            np.array([symbols[s] for s in b], dtype=np.int64))


def lcs_length(a, b):
    """LCS length with two rows of the DP table, each row computed with NumPy."""
    ca, cb = _codes(a, b)
    prev = np.zeros(len(cb) + 1, dtype=np.int64)        # row 0: the empty prefix of a
    for symbol in ca:
        match = (cb == symbol).astype(np.int64)
        # Candidates from the row above: go down, or diagonally on a match.
        candidates = np.maximum(prev[1:], prev[:-1] + match)
        cur = np.zeros_like(prev)
        # L[i][j] = max(L[i][j-1], candidates[j]): a running maximum along the row.
        cur[1:] = np.maximum.accumulate(candidates)
        prev = cur
    return int(prev[-1])
