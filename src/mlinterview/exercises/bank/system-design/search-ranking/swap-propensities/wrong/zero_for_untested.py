"""Returns 0 for a position no session was swapped with, as if it were never examined."""


def swap_propensities(clicks, swap_position):
    n_pos = len(clicks[0])
    sessions = [0] * n_pos
    top_clicks = [0] * n_pos
    for row, k in zip(clicks, swap_position):
        sessions[k] += 1
        top_clicks[k] += row[k]
    base = top_clicks[0] / sessions[0]
    return [top_clicks[k] / sessions[k] / base if sessions[k] else 0.0
            for k in range(n_pos)]
