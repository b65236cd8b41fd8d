"""Compares click counts instead of rates: wrong when the groups differ in size."""


def swap_propensities(clicks, swap_position):
    n_pos = len(clicks[0])
    sessions = [0] * n_pos
    top_clicks = [0] * n_pos
    for row, k in zip(clicks, swap_position):
        sessions[k] += 1
        top_clicks[k] += row[k]
    return [top_clicks[k] / top_clicks[0] if sessions[k] else float("nan")
            for k in range(n_pos)]
