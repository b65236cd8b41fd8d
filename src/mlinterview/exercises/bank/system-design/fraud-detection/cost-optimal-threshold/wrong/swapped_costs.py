"""Puts the cost of a missed fraud on top: cost_fn / (cost_fp + cost_fn)."""


def cost_optimal_threshold(probs, cost_fp, cost_fn):
    threshold = cost_fn / (cost_fp + cost_fn)
    cost = 0.0
    for p in probs:
        cost += cost_fp * (1 - p) if p >= threshold else cost_fn * p
    return threshold, cost
