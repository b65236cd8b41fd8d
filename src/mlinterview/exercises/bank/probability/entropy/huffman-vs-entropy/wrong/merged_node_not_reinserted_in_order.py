"""Sorts the probabilities once and merges the running node with the next smallest
symbol each time (appending instead of re-inserting by priority): a lopsided chain that
is optimal only for very skewed distributions."""
import numpy as np


def huffman_expected_length(weights):
    w = np.asarray(weights, dtype=float)
    p = np.sort(w[w > 0] / w.sum())
    entropy = float(-np.sum(p * np.log2(p)))
    if p.size == 1:
        return 0.0, entropy
    node = p[0]
    total = 0.0
    for q in p[1:]:
        node = node + q
        total += node
    return float(total), entropy
