"""Computes the entropy with the natural logarithm (nats) while the code lengths are in
bits, so the two numbers are not comparable."""
import heapq

import numpy as np


def huffman_expected_length(weights):
    w = np.asarray(weights, dtype=float)
    p = w[w > 0] / w.sum()
    heap = p.tolist()
    heapq.heapify(heap)
    total = 0.0
    while len(heap) > 1:
        a, b = heapq.heappop(heap), heapq.heappop(heap)
        total += a + b
        heapq.heappush(heap, a + b)
    return total, float(-np.sum(p * np.log(p)))
