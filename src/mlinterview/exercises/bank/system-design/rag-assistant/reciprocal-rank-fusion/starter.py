def reciprocal_rank_fusion(rankings, k=60):
    """Fuse rankings by the sum of 1 / (k + rank), ranks starting at 1.

    Parameters
    ----------
    rankings : list of lists of distinct int document ids, each best first
    k : positive number, the damping constant

    Returns
    -------
    list of (doc, score) tuples: every document of any ranking once, by score
    descending, ties (within 1e-12) by smaller id.
    """
    raise NotImplementedError("add 1 / (k + rank) per ranking, then sort")
