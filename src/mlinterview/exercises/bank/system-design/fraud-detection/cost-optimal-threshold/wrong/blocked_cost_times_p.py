"""Charges a blocked transaction cost_fp * p: the fraud probability instead of the
probability of being a good customer."""


def cost_optimal_threshold(probs, cost_fp, cost_fn):
    threshold = cost_fp / (cost_fp + cost_fn)
    cost = 0.0
    for p in probs:
        cost += cost_fp * p if p >= threshold else cost_fn * p
    return threshold, cost
