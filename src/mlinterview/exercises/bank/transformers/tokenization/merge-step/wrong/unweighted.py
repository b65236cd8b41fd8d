"""Counts each occurrence once, ignoring how often its word occurs."""
from itertools import pairwise


def bpe_merge_step(words, counts, new_id):
    pair_counts = {}
    for word in words:
        for pair in pairwise(word):
            pair_counts[pair] = pair_counts.get(pair, 0) + 1
    if not pair_counts:
        return None, [list(w) for w in words]
    best = max(pair_counts.values())
    a, b = pair = min(p for p, c in pair_counts.items() if c == best)
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
