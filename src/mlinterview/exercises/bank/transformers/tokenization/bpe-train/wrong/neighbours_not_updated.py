"""Incremental, but after a merge only adds the new pairs: the counts of the pairs that
the merge destroyed next to it, (left, a) and (b, right), are never decreased."""
from itertools import pairwise


def bpe_train(word_counts, num_merges):
    words = [list(w.encode("utf-8")) for w in word_counts]
    freq = list(word_counts.values())
    counts, where = {}, {}
    for i, word in enumerate(words):
        for p in pairwise(word):
            counts[p] = counts.get(p, 0) + freq[i]
            where.setdefault(p, set()).add(i)
    merges = []
    while len(merges) < num_merges and counts:
        best = max(counts.values())
        if best <= 0:
            break
        pair = min(p for p, c in counts.items() if c == best)
        a, b = pair
        new = 256 + len(merges)
        merges.append(pair)
        for i in where.pop(pair, ()):
            word, out, j = words[i], [], 0
            while j < len(word):
                if j + 1 < len(word) and word[j] == a and word[j + 1] == b:
                    out.append(new)
                    j += 2
                else:
                    out.append(word[j])
                    j += 1
            for p in pairwise(out):
                if new in p:
                    counts[p] = counts.get(p, 0) + freq[i]
                    where.setdefault(p, set()).add(i)
            words[i] = out
        del counts[pair]
    return merges
