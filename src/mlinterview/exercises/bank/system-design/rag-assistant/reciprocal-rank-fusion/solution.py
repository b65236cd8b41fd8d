def reciprocal_rank_fusion(rankings, k=60):
    """Fuse rankings by the sum of 1 / (k + rank), ranks starting at 1."""
    scores = {}
    for ranking in rankings:
        for rank, doc in enumerate(ranking, start=1):
            scores[doc] = scores.get(doc, 0.0) + 1.0 / (k + rank)
    # Round for the order only, so sums that differ by a rounding error count as ties.
    order = sorted(scores, key=lambda d: (-round(scores[d], 12), d))
    return [(d, scores[d]) for d in order]
