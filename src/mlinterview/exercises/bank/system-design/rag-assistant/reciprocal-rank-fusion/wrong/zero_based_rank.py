"""Ranks from 0: the first place earns 1/k instead of 1/(k + 1)."""


def reciprocal_rank_fusion(rankings, k=60):
    scores = {}
    for ranking in rankings:
        for rank, doc in enumerate(ranking):
            scores[doc] = scores.get(doc, 0.0) + 1.0 / (k + rank)
    order = sorted(scores, key=lambda d: (-round(scores[d], 12), d))
    return [(d, scores[d]) for d in order]
