"""Flips a coin before every pick, not only when the pick counts are tied: one ranker can
make several picks in a row and the teams drift apart in size."""


def team_draft(ranking_a, ranking_b, coins, length):
    rankings = {"A": list(ranking_a), "B": list(ranking_b)}
    length = min(length, len(set(ranking_a) | set(ranking_b)))
    flips = iter(list(coins) * (length + 1))
    items, teams, placed = [], [], set()
    while len(items) < length:
        turn = "A" if next(flips) else "B"
        item = next((i for i in rankings[turn] if i not in placed), None)
        if item is None:
            turn = "B" if turn == "A" else "A"
            item = next((i for i in rankings[turn] if i not in placed), None)
        items.append(item)
        teams.append(turn)
        placed.add(item)
    return items, teams
