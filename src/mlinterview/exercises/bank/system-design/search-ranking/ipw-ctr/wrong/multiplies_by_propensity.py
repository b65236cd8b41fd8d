"""Multiplies each click by the propensity instead of dividing: doubles the bias."""


def ipw_ctr(doc_ids, positions, clicks, propensities, n_docs):
    weighted = [0.0] * n_docs
    shown = [0] * n_docs
    for d, k, c in zip(doc_ids, positions, clicks):
        weighted[d] += c * propensities[k]
        shown[d] += 1
    return [w / n if n else float("nan") for w, n in zip(weighted, shown)]
