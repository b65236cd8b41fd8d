"""Breaks ties by first appearance (a stable sort on the score alone), not by smaller id."""


def reciprocal_rank_fusion(rankings, k=60):
    scores = {}
    for ranking in rankings:
        for rank, doc in enumerate(ranking, start=1):
            scores[doc] = scores.get(doc, 0.0) + 1.0 / (k + rank)
    order = sorted(scores, key=lambda d: -round(scores[d], 12))
    return [(d, scores[d]) for d in order]
