"""Treats a score equal to the threshold as allowed (propensity 1): blocked is >=."""


def ipw_fraud_rate(scores, threshold, epsilon, allowed, labels):
    total = 0.0
    for s, a, y in zip(scores, allowed, labels):
        if a:
            total += y / (epsilon if s > threshold else 1.0)
    return total / len(scores)
