"""Starts each word from its characters' code points (capped at 255), not its bytes."""
import heapq
from itertools import pairwise


def bpe_train(word_counts, num_merges):
    words = [[min(ord(c), 255) for c in word] for word in word_counts]
    freq = list(word_counts.values())
    counts = {}              # pair -> occurrences in the corpus, weighted by word counts
    where = {}               # pair -> indices of the words it may occur in
    for i, word in enumerate(words):
        for pair in pairwise(word):
            counts[pair] = counts.get(pair, 0) + freq[i]
            where.setdefault(pair, set()).add(i)
    # Max-heap by count through negation; equal counts pop the smallest pair first.
    heap = [(-c, pair) for pair, c in counts.items()]
    heapq.heapify(heap)
    merges = []
    while len(merges) < num_merges and heap:
        neg, pair = heapq.heappop(heap)
        current = counts.get(pair, 0)
        if current != -neg:          # stale: the count fell after this entry was pushed
            if current > 0:
                heapq.heappush(heap, (-current, pair))
            continue
        a, b = pair
        new = 256 + len(merges)
        merges.append(pair)
        touched = set()
        for i in where.pop(pair):
            word, f = words[i], freq[i]
            for p in pairwise(word):          # this word's pairs out...
                counts[p] -= f
            out, j = [], 0
            while j < len(word):
                if j + 1 < len(word) and word[j] == a and word[j + 1] == b:
                    out.append(new)
                    j += 2
                else:
                    out.append(word[j])
                    j += 1
            for p in pairwise(out):            # ...and its new pairs in
                counts[p] = counts.get(p, 0) + f
                where.setdefault(p, set()).add(i)
                touched.add(p)
            words[i] = out
        del counts[pair]
        for p in touched:
            if counts[p] > 0:
                heapq.heappush(heap, (-counts[p], p))
    return merges
