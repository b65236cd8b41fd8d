def team_draft(ranking_a, ranking_b, coins, length):
    """Team-draft interleaving (Radlinski et al. 2008) with the given coin flips."""
    rankings = {"A": list(ranking_a), "B": list(ranking_b)}
    n_distinct = len(set(rankings["A"]) | set(rankings["B"]))
    length = min(length, n_distinct)
    flips = iter(coins)
    items, teams, placed = [], [], set()
    picks = {"A": 0, "B": 0}

    def best_new(name):
        # The ranker's highest-ranked item not yet in the list, or None.
        return next((item for item in rankings[name] if item not in placed), None)

    while len(items) < length:
        if picks["A"] != picks["B"]:
            turn = "A" if picks["A"] < picks["B"] else "B"
        else:
            turn = "A" if next(flips) else "B"
        item = best_new(turn)
        if item is None:            # this ranker has nothing new: the other picks
            turn = "B" if turn == "A" else "A"
            item = best_new(turn)
        items.append(item)
        teams.append(turn)
        placed.add(item)
        picks[turn] += 1
    return items, teams
