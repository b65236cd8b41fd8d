"""Keeps the symbols of weight 0 in the queue: merging one with a real symbol pushes that
symbol one level deeper for nothing, so the expected length grows."""
import heapq

import numpy as np


def huffman_expected_length(weights):
    w = np.asarray(weights, dtype=float)
    p = w / w.sum()
    nz = p[p > 0]
    entropy = float(-np.sum(nz * np.log2(nz)))
    heap = p.tolist()
    heapq.heapify(heap)
    total = 0.0
    while len(heap) > 1:
        a, b = heapq.heappop(heap), heapq.heappop(heap)
        total += a + b
        heapq.heappush(heap, a + b)
    return total, entropy
