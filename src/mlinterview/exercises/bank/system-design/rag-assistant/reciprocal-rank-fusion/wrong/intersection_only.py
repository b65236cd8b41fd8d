"""Keeps only the documents every ranking found."""


def reciprocal_rank_fusion(rankings, k=60):
    scores = {}
    for ranking in rankings:
        for rank, doc in enumerate(ranking, start=1):
            scores[doc] = scores.get(doc, 0.0) + 1.0 / (k + rank)
    common = set.intersection(*(set(r) for r in rankings)) if rankings else set()
    order = sorted(common, key=lambda d: (-round(scores[d], 12), d))
    return [(d, scores[d]) for d in order]
