"""Counts only delays strictly below the age: a chargeback arriving on day d is missed."""


def corrected_fraud_rate(history_delays, ages, sizes, chargebacks):
    m = len(history_delays)
    maturities = [sum(1 for x in history_delays if x < d) / m for d in ages]
    expected_share = sum(n * f for n, f in zip(sizes, maturities))
    return maturities, sum(chargebacks) / expected_share
