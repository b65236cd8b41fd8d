"""Uses the cost ratio cost_fp / cost_fn as the threshold (an odds, not a probability)."""


def cost_optimal_threshold(probs, cost_fp, cost_fn):
    threshold = cost_fp / cost_fn if cost_fn else 1.0
    cost = 0.0
    for p in probs:
        cost += cost_fp * (1 - p) if p >= threshold else cost_fn * p
    return threshold, cost
