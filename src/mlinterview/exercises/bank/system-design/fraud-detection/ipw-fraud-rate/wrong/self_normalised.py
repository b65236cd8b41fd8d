"""Divides by the sum of the weights (the Hajek estimate), not by n."""


def ipw_fraud_rate(scores, threshold, epsilon, allowed, labels):
    total = weights = 0.0
    for s, a, y in zip(scores, allowed, labels):
        if a:
            w = 1 / (epsilon if s >= threshold else 1.0)
            total += w * y
            weights += w
    return total / weights
