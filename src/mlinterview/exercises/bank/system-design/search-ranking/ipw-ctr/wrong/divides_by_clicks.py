"""Averages the weights over the clicks instead of over all impressions."""


def ipw_ctr(doc_ids, positions, clicks, propensities, n_docs):
    weighted = [0.0] * n_docs
    n_clicks = [0] * n_docs
    shown = [0] * n_docs
    for d, k, c in zip(doc_ids, positions, clicks):
        weighted[d] += c / propensities[k]
        n_clicks[d] += c
        shown[d] += 1
    return [(w / m if m else 0.0) if n else float("nan")
            for w, m, n in zip(weighted, n_clicks, shown)]
