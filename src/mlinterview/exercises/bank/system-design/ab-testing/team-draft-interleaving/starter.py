def team_draft(ranking_a, ranking_b, coins, length):
    """Team-draft interleaving of two rankings.

    Parameters
    ----------
    ranking_a, ranking_b : list of item ids, best first
    coins : list of bool, consumed in order at each tie of the pick counts (True: A first)
    length : int >= 1, the largest length of the interleaved list

    Returns
    -------
    (items, teams) : (list, list of "A"/"B")
    """
    raise NotImplementedError("fewer picks goes next, a coin at ties; skip placed items")
