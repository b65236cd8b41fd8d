"""Each ranker contributes its items by position (its k-th pick is its k-th item) and
only skips an item it placed itself: an item the other ranker already placed is added a
second time."""


def team_draft(ranking_a, ranking_b, coins, length):
    rankings = {"A": list(ranking_a), "B": list(ranking_b)}
    length = min(length, len(set(ranking_a) | set(ranking_b)))
    flips = iter(coins)
    items, teams = [], []
    picks = {"A": 0, "B": 0}
    while len(items) < length:
        if picks["A"] != picks["B"]:
            turn = "A" if picks["A"] < picks["B"] else "B"
        else:
            turn = "A" if next(flips) else "B"
        if picks[turn] >= len(rankings[turn]):
            turn = "B" if turn == "A" else "A"
            if picks[turn] >= len(rankings[turn]):
                break
        items.append(rankings[turn][picks[turn]])
        teams.append(turn)
        picks[turn] += 1
    return items, teams
