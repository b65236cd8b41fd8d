"""Divides the raw pooled rate by the average maturity, ignoring cohort sizes."""


def corrected_fraud_rate(history_delays, ages, sizes, chargebacks):
    m = len(history_delays)
    maturities = [sum(1 for x in history_delays if x <= d) / m for d in ages]
    mean_f = sum(maturities) / len(maturities)
    return maturities, sum(chargebacks) / sum(sizes) / mean_f
