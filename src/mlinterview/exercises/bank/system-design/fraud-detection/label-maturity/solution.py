def corrected_fraud_rate(history_delays, ages, sizes, chargebacks):
    """F(d) = share of delays <= d; rate = Σ chargebacks / Σ size · F(age)."""
    m = len(history_delays)
    maturities = [sum(1 for x in history_delays if x <= d) / m for d in ages]
    # each cohort should show rate · size · F(age) chargebacks by now
    expected_share = sum(n * f for n, f in zip(sizes, maturities, strict=True))
    return maturities, sum(chargebacks) / expected_share
