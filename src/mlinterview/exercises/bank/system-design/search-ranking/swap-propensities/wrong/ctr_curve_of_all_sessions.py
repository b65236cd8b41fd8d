"""Divides the CTR of each position by that of position 0 over all sessions, ignoring
which document was swapped where: exposure and relevance stay mixed."""


def swap_propensities(clicks, swap_position):
    n_pos = len(clicks[0])
    ctr = [sum(row[k] for row in clicks) / len(clicks) for k in range(n_pos)]
    return [c / ctr[0] for c in ctr]
