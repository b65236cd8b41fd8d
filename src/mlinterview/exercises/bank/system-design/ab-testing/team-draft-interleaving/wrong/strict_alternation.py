"""Alternates A, B, A, B and ignores the coins: ranker A always holds the top position,
which biases the comparison in its favour."""


def team_draft(ranking_a, ranking_b, coins, length):
    rankings = {"A": list(ranking_a), "B": list(ranking_b)}
    length = min(length, len(set(ranking_a) | set(ranking_b)))
    items, teams, placed = [], [], set()
    turn = "A"
    while len(items) < length:
        item = next((i for i in rankings[turn] if i not in placed), None)
        if item is None:
            turn = "B" if turn == "A" else "A"
            item = next((i for i in rankings[turn] if i not in placed), None)
        items.append(item)
        teams.append(turn)
        placed.add(item)
        turn = "B" if turn == "A" else "A"
    return items, teams
