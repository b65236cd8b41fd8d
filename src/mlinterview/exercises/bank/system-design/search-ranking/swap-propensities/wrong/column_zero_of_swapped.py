"""Reads position 0 of the swapped sessions: the document swapped up, whose CTR measures
its relevance, not the exposure of position k."""


def swap_propensities(clicks, swap_position):
    n_pos = len(clicks[0])
    sessions = [0] * n_pos
    top_clicks = [0] * n_pos
    for row, k in zip(clicks, swap_position):
        sessions[k] += 1
        top_clicks[k] += row[0]
    base = top_clicks[0] / sessions[0]
    return [top_clicks[k] / sessions[k] / base if sessions[k] else float("nan")
            for k in range(n_pos)]
