import heapq

import numpy as np


def huffman_expected_length(weights):
    """Expected length of a binary Huffman code and the entropy, both in bits."""
    w = np.asarray(weights, dtype=float)
    p = w[w > 0] / w.sum()                # symbols that never occur get no codeword
    entropy = float(-np.sum(p * np.log2(p)))

    heap = p.tolist()
    heapq.heapify(heap)
    expected_length = 0.0
    while len(heap) > 1:
        a = heapq.heappop(heap)
        b = heapq.heappop(heap)
        # The merged node sits one level above every symbol under it, so each of them
        # gets one more bit: the expected length grows by their total probability.
        expected_length += a + b
        heapq.heappush(heap, a + b)
    return expected_length, entropy
