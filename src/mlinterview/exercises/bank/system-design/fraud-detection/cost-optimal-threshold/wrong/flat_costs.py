"""Charges the full cost of each decision, not its expectation: cost_fp per block and
cost_fn per allowed transaction."""


def cost_optimal_threshold(probs, cost_fp, cost_fn):
    threshold = cost_fp / (cost_fp + cost_fn)
    cost = 0.0
    for p in probs:
        cost += cost_fp if p >= threshold else cost_fn * (p > 0)
    return threshold, cost
