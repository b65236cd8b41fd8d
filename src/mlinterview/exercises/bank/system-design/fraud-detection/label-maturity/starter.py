def corrected_fraud_rate(history_delays, ages, sizes, chargebacks):
    """Label maturity of each cohort and the maturity-corrected pooled fraud rate.

    Parameters
    ----------
    history_delays : list of float, chargeback delays (days) of a fully matured cohort
    ages : list of float, each recent cohort's age in days today
    sizes : list of int, transactions per cohort
    chargebacks : list of int, chargebacks arrived so far per cohort

    Returns
    -------
    (maturities, rate) : list of F(age) (share of history delays <= age) per cohort, and
    sum(chargebacks) / sum(size * F(age)).
    """
    raise NotImplementedError("F(d) is the share of history delays <= d; divide the "
                              "chargebacks by the labels you expected to have by now")
