"""n(t) counts every occurrence of t in the corpus, not the documents that contain it."""
import math
from collections import Counter


def bm25_scores(docs, query, k1=1.5, b=0.75):
    n_docs = len(docs)
    avgdl = sum(len(d) for d in docs) / n_docs
    counts = [Counter(d) for d in docs]
    cf = Counter(t for d in docs for t in d)
    scores = [0.0] * n_docs
    for t in query:
        if cf[t] == 0:
            continue
        idf = math.log(1 + (n_docs - cf[t] + 0.5) / (cf[t] + 0.5))
        for i, c in enumerate(counts):
            f = c[t]
            if f:
                scores[i] += idf * f * (k1 + 1) / (f + k1 * (1 - b + b * len(docs[i]) / avgdl))
    return scores
