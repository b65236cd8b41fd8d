import heapq

import numpy as np


def huffman_expected_length(weights):
    """Expected length of a binary Huffman code and the entropy, both in bits.

    Parameters
    ----------
    weights : sequence of float, shape (K,), non-negative, positive sum

    Returns
    -------
    (L, H) : tuple of two floats
    """
    raise NotImplementedError("merge the two smallest until one is left; L = sum of merges")
