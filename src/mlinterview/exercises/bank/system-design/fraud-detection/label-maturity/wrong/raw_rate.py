"""Computes the maturities but reports the raw rate, as if every label had arrived."""


def corrected_fraud_rate(history_delays, ages, sizes, chargebacks):
    m = len(history_delays)
    maturities = [sum(1 for x in history_delays if x <= d) / m for d in ages]
    return maturities, sum(chargebacks) / sum(sizes)
