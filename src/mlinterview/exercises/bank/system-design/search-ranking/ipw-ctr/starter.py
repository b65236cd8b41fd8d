def ipw_ctr(doc_ids, positions, clicks, propensities, n_docs):
    """Inverse-propensity-weighted click-through rate of every document.

    Parameters
    ----------
    doc_ids, positions, clicks : lists of int, one entry per impression (positions are
        0-based, clicks 0 or 1)
    propensities : list of float in (0, 1], the examination probability of each position
    n_docs : int, the number of documents

    Returns
    -------
    list of n_docs floats: mean over each document's impressions of click / propensity;
    float("nan") for a document never shown.
    """
    raise NotImplementedError("sum click / propensity per document, then divide by its "
                              "number of impressions")
