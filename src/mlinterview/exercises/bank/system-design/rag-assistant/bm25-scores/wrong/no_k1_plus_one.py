"""Drops the (k1 + 1) factor: the same ranking, every score too small."""
import math
from collections import Counter


def bm25_scores(docs, query, k1=1.5, b=0.75):
    n_docs = len(docs)
    avgdl = sum(len(d) for d in docs) / n_docs
    counts = [Counter(d) for d in docs]
    df = Counter(t for c in counts for t in c)
    scores = [0.0] * n_docs
    for t in query:
        if df[t] == 0:
            continue
        idf = math.log(1 + (n_docs - df[t] + 0.5) / (df[t] + 0.5))
        for i, c in enumerate(counts):
            f = c[t]
            if f:
                scores[i] += idf * f / (f + k1 * (1 - b + b * len(docs[i]) / avgdl))
    return scores
