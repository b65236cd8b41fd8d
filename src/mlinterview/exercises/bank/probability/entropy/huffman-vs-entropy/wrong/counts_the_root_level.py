"""Builds the tree and measures codeword lengths as node depths counted from 1 at the
root: every codeword comes out one bit too long (L + 1)."""
import heapq
import itertools

import numpy as np


def huffman_expected_length(weights):
    w = np.asarray(weights, dtype=float)
    p = w[w > 0] / w.sum()
    entropy = float(-np.sum(p * np.log2(p)))
    tie = itertools.count()
    heap = [(q, next(tie), [i]) for i, q in enumerate(p)]
    heapq.heapify(heap)
    depth = np.ones(p.size)                     # the root is level 1: off by one
    while len(heap) > 1:
        a, _, sa = heapq.heappop(heap)
        b, _, sb = heapq.heappop(heap)
        depth[sa + sb] += 1
        heapq.heappush(heap, (a + b, next(tie), sa + sb))
    return float(np.sum(p * depth)), entropy
