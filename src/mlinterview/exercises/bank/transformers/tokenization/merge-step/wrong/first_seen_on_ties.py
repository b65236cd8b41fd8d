"""Breaks ties by the pair seen first in the corpus (max keeps the first of equal counts)."""
from itertools import pairwise


def bpe_merge_step(words, counts, new_id):
    pair_counts = {}
    for word, count in zip(words, counts, strict=True):
        for pair in pairwise(word):
            pair_counts[pair] = pair_counts.get(pair, 0) + count
    if not pair_counts:
        return None, [list(w) for w in words]
    a, b = pair = max(pair_counts, key=pair_counts.get)
    new_words = []
    for word in words:
        out, i = [], 0
        while i < len(word):
            if i + 1 < len(word) and word[i] == a and word[i + 1] == b:
                out.append(new_id)
                i += 2
            else:
                out.append(word[i])
                i += 1
        new_words.append(out)
    return pair, new_words
