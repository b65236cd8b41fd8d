"""Ignores the propensities: the raw click-through rate, biased towards the top."""


def ipw_ctr(doc_ids, positions, clicks, propensities, n_docs):
    clicked = [0.0] * n_docs
    shown = [0] * n_docs
    for d, c in zip(doc_ids, clicks):
        clicked[d] += c
        shown[d] += 1
    return [w / n if n else float("nan") for w, n in zip(clicked, shown)]
