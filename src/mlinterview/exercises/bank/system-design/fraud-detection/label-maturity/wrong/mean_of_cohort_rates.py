"""Averages the per-cohort corrected rates (skipping cohorts with F = 0) instead of
pooling: young cohorts with a small F get the same say as mature ones."""


def corrected_fraud_rate(history_delays, ages, sizes, chargebacks):
    m = len(history_delays)
    maturities = [sum(1 for x in history_delays if x <= d) / m for d in ages]
    rates = [c / (n * f) for c, n, f in zip(chargebacks, sizes, maturities) if f > 0 and n]
    return maturities, sum(rates) / len(rates)
