"""Merges scanning from the right: [7, 7, 7] with (7, 7) becomes [7, new], not [new, 7]."""
from itertools import pairwise


def bpe_merge_step(words, counts, new_id):
    pair_counts = {}
    for word, count in zip(words, counts, strict=True):
        for pair in pairwise(word):
            pair_counts[pair] = pair_counts.get(pair, 0) + count
    if not pair_counts:
        return None, [list(w) for w in words]
    best = max(pair_counts.values())
    a, b = pair = min(p for p, c in pair_counts.items() if c == best)
    new_words = []
    for word in words:
        out, i = [], len(word) - 1
        while i >= 0:
            if i >= 1 and word[i - 1] == a and word[i] == b:
                out.append(new_id)
                i -= 2
            else:
                out.append(word[i])
                i -= 1
        new_words.append(out[::-1])
    return pair, new_words
