import math


def bm25_scores(docs, query, k1=1.5, b=0.75):
    """Okapi BM25 score of every document for one query (Lucene's idf).

    Parameters
    ----------
    docs : list of N lists of str tokens
    query : list of str tokens (a repeated token counts twice)
    k1 : float >= 0, term-frequency saturation
    b : float in [0, 1], length normalisation

    Returns
    -------
    list of N floats
    """
    raise NotImplementedError("document frequencies, avgdl, then the sum over query tokens")
