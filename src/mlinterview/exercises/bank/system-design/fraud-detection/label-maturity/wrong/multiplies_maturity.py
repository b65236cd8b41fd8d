"""Multiplies the raw rate by the maturity instead of dividing by it."""


def corrected_fraud_rate(history_delays, ages, sizes, chargebacks):
    m = len(history_delays)
    maturities = [sum(1 for x in history_delays if x <= d) / m for d in ages]
    expected = sum(c * f for c, f in zip(chargebacks, maturities))
    return maturities, expected / sum(sizes)
