"""Starts from the characters' code points (capped at 255) instead of the UTF-8 bytes."""
from itertools import pairwise


def bpe_encode(text, merges):
    rank = {(a, b): r for r, (a, b) in enumerate(merges)}
    ids = [min(ord(c), 255) for c in text]
    while len(ids) > 1:
        best = min(pairwise(ids), key=lambda p: rank.get(p, len(merges)))
        if best not in rank:
            break
        a, b = best
        out, i = [], 0
        while i < len(ids):
            if i + 1 < len(ids) and ids[i] == a and ids[i + 1] == b:
                out.append(256 + rank[best])
                i += 2
            else:
                out.append(ids[i])
                i += 1
        ids = out
    return ids
