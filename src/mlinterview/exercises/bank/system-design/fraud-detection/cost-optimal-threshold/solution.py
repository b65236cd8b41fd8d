def cost_optimal_threshold(probs, cost_fp, cost_fn):
    """p* = c_FP / (c_FP + c_FN), and the expected cost of blocking p >= p*."""
    threshold = cost_fp / (cost_fp + cost_fn)
    cost = 0.0
    for p in probs:
        # blocking risks a good customer (prob 1 - p), allowing risks a fraud (prob p)
        cost += cost_fp * (1 - p) if p >= threshold else cost_fn * p
    return threshold, cost
