def ipw_ctr(doc_ids, positions, clicks, propensities, n_docs):
    """Mean of click / propensity over each document's impressions (NaN if never shown)."""
    weighted = [0.0] * n_docs
    shown = [0] * n_docs
    for d, k, c in zip(doc_ids, positions, clicks, strict=True):
        weighted[d] += c / propensities[k]      # E[c / θ_k] = P(click | examined)
        shown[d] += 1
    return [w / n if n else float("nan") for w, n in zip(weighted, shown, strict=True)]
