"""The fraud rate among the labelled transactions: ignores who was blocked."""


def ipw_fraud_rate(scores, threshold, epsilon, allowed, labels):
    known = [y for a, y in zip(allowed, labels) if a]
    return sum(known) / len(known)
