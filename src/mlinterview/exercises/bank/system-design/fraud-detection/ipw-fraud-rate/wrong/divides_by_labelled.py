"""Weights correctly but divides by the number of labelled transactions, not by n."""


def ipw_fraud_rate(scores, threshold, epsilon, allowed, labels):
    total, m = 0.0, 0
    for s, a, y in zip(scores, allowed, labels):
        if a:
            total += y / (epsilon if s >= threshold else 1.0)
            m += 1
    return total / m
