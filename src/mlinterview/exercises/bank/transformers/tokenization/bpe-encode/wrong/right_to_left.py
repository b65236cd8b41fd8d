"""Merges the occurrences of the chosen pair from the right: "aaa" with (a, a) gives a|aa."""
from itertools import pairwise


def bpe_encode(text, merges):
    rank = {(a, b): r for r, (a, b) in enumerate(merges)}
    ids = list(text.encode("utf-8"))
    while len(ids) > 1:
        best = min(pairwise(ids), key=lambda p: rank.get(p, len(merges)))
        if best not in rank:
            break
        a, b = best
        out, i = [], len(ids) - 1
        while i >= 0:
            if i >= 1 and ids[i - 1] == a and ids[i] == b:
                out.append(256 + rank[best])
                i -= 2
            else:
                out.append(ids[i])
                i -= 1
        ids = out[::-1]
    return ids
