"""Divides the swapped group's CTR at k by the control's CTR at k (the same position, two
different documents) instead of by the control's CTR at position 0."""


def swap_propensities(clicks, swap_position):
    n_pos = len(clicks[0])
    sessions = [0] * n_pos
    top_clicks = [0] * n_pos
    control = [0] * n_pos
    for row, k in zip(clicks, swap_position):
        sessions[k] += 1
        top_clicks[k] += row[k]
        if k == 0:
            for j in range(n_pos):
                control[j] += row[j]
    out = []
    for k in range(n_pos):
        if not sessions[k] or not control[k]:
            out.append(float("nan"))
        else:
            out.append(top_clicks[k] / sessions[k] / (control[k] / sessions[0]))
    return out
