"""Counts only the missed fraud, as if blocking were free."""


def cost_optimal_threshold(probs, cost_fp, cost_fn):
    threshold = cost_fp / (cost_fp + cost_fn)
    cost = 0.0
    for p in probs:
        if p < threshold:
            cost += cost_fn * p
    return threshold, cost
