def ipw_fraud_rate(scores, threshold, epsilon, allowed, labels):
    """(1/n) Σ_allowed label / propensity, propensity 1 below the threshold, ε above."""
    total = 0.0
    for s, a, y in zip(scores, allowed, labels, strict=True):
        if a:
            propensity = epsilon if s >= threshold else 1.0
            total += y / propensity        # E[allowed · y / propensity] = y
    return total / len(scores)
