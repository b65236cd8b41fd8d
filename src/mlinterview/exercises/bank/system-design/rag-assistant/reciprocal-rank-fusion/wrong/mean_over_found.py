"""Averages over the rankings that contain the document: being found twice stops helping."""


def reciprocal_rank_fusion(rankings, k=60):
    total, count = {}, {}
    for ranking in rankings:
        for rank, doc in enumerate(ranking, start=1):
            total[doc] = total.get(doc, 0.0) + 1.0 / (k + rank)
            count[doc] = count.get(doc, 0) + 1
    scores = {d: total[d] / count[d] for d in total}
    order = sorted(scores, key=lambda d: (-round(scores[d], 12), d))
    return [(d, scores[d]) for d in order]
