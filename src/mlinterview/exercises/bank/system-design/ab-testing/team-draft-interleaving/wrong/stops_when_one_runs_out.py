"""Ends the list as soon as the ranker whose turn it is has nothing new, instead of
letting the other ranker fill the remaining positions."""


def team_draft(ranking_a, ranking_b, coins, length):
    rankings = {"A": list(ranking_a), "B": list(ranking_b)}
    flips = iter(coins)
    items, teams, placed = [], [], set()
    picks = {"A": 0, "B": 0}
    while len(items) < length:
        if picks["A"] != picks["B"]:
            turn = "A" if picks["A"] < picks["B"] else "B"
        else:
            turn = "A" if next(flips) else "B"
        item = next((i for i in rankings[turn] if i not in placed), None)
        if item is None:
            break
        items.append(item)
        teams.append(turn)
        placed.add(item)
        picks[turn] += 1
    return items, teams
