"""Weights every allowed label by 1 / epsilon, also the never-blocked ones."""


def ipw_fraud_rate(scores, threshold, epsilon, allowed, labels):
    total = 0.0
    for a, y in zip(allowed, labels):
        if a:
            total += y / epsilon
    return total / len(scores)
