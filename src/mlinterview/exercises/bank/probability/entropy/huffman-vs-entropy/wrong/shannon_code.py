"""Uses Shannon's code lengths ceil(-log2 p): a valid prefix code within one bit of the
entropy, but not the optimal one, so its expected length exceeds Huffman's."""
import numpy as np


def huffman_expected_length(weights):
    w = np.asarray(weights, dtype=float)
    p = w[w > 0] / w.sum()
    if p.size == 1:
        return 0.0, 0.0
    lengths = np.ceil(-np.log2(p))
    return float(np.sum(p * lengths)), float(-np.sum(p * np.log2(p)))
