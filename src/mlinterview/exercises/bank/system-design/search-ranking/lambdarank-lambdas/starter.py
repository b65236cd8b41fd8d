import math


def lambdarank_lambdas(scores, grades, k=None):
    """LambdaRank gradient of every score of one query.

    Parameters
    ----------
    scores : list of float, the current score of each document
    grades : list of int >= 0, the relevance grade of each document
    k : int or None, the NDCG cut-off (None: all ranks)

    Returns
    -------
    list of float, one lambda per document (a gradient: negative = push up)
    """
    raise NotImplementedError("rank by score, then weight each RankNet pair gradient by "
                              "the |ΔNDCG@k| of swapping the pair")
