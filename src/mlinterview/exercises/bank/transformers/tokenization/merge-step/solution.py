from itertools import pairwise


def bpe_merge_step(words, counts, new_id):
    """(most frequent adjacent pair, the words with it merged into new_id)."""
    pair_counts = {}
    for word, count in zip(words, counts, strict=True):
        for pair in pairwise(word):
            pair_counts[pair] = pair_counts.get(pair, 0) + count
    if not pair_counts:
        return None, [list(word) for word in words]
    best = max(pair_counts.values())
    # Among the most frequent pairs, the smallest (left id, then right id).
    pair = min(p for p, c in pair_counts.items() if c == best)
    a, b = pair
    new_words = []
    for word in words:
        out, i = [], 0
        while i < len(word):
            if i + 1 < len(word) and word[i] == a and word[i + 1] == b:
                out.append(new_id)
                i += 2               # both tokens are used up: no overlapping merge
            else:
                out.append(word[i])
                i += 1
        new_words.append(out)
    return pair, new_words
