def swap_propensities(clicks, swap_position):
    """θ_k / θ_0: CTR at k in the group swapped with k over CTR at 0 in the control."""
    n_pos = len(clicks[0])
    sessions = [0] * n_pos
    top_clicks = [0] * n_pos        # clicks on the original top result, group by group
    for row, k in zip(clicks, swap_position, strict=True):
        sessions[k] += 1
        top_clicks[k] += row[k]     # in group k the original top result sits at k
    base = top_clicks[0] / sessions[0]
    return [top_clicks[k] / sessions[k] / base if sessions[k] else float("nan")
            for k in range(n_pos)]
