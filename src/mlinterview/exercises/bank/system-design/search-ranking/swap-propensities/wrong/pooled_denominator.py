"""Takes the CTR of position 0 over all sessions as the baseline, including the swapped
ones, where position 0 holds another document."""


def swap_propensities(clicks, swap_position):
    n_pos = len(clicks[0])
    sessions = [0] * n_pos
    top_clicks = [0] * n_pos
    for row, k in zip(clicks, swap_position):
        sessions[k] += 1
        top_clicks[k] += row[k]
    base = sum(row[0] for row in clicks) / len(clicks)
    ratios = [top_clicks[k] / sessions[k] / base if sessions[k] else float("nan")
              for k in range(n_pos)]
    ratios[0] = 1.0
    return ratios
