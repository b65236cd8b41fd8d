"""Divides the clicks by the summed propensities (a ratio estimator), not the mean of
click / propensity that the statement asks for."""


def ipw_ctr(doc_ids, positions, clicks, propensities, n_docs):
    clicked = [0.0] * n_docs
    exposure = [0.0] * n_docs
    for d, k, c in zip(doc_ids, positions, clicks):
        clicked[d] += c
        exposure[d] += propensities[k]
    return [c / e if e else float("nan") for c, e in zip(clicked, exposure)]
