"""Keeps the habitual 0.5 threshold to decide, ignoring the costs."""


def cost_optimal_threshold(probs, cost_fp, cost_fn):
    threshold = cost_fp / (cost_fp + cost_fn)
    cost = 0.0
    for p in probs:
        cost += cost_fp * (1 - p) if p >= 0.5 else cost_fn * p
    return threshold, cost
