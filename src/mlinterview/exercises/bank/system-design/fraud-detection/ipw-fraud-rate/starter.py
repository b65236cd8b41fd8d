def ipw_fraud_rate(scores, threshold, epsilon, allowed, labels):
    """Horvitz-Thompson estimate of the fraud rate of all transactions.

    Parameters
    ----------
    scores : list of float, the model's scores; blocked when score >= threshold
    threshold : float
    epsilon : float in (0, 1], the share of would-be-blocked transactions let through
    allowed : list of bool, which transactions were let through
    labels : list of 1 / 0 for allowed transactions, None for blocked ones

    Returns
    -------
    float: (1 / n) * sum over allowed transactions of label / propensity, where the
    propensity is 1 below the threshold and epsilon at or above it.
    """
    raise NotImplementedError("weight each allowed label by 1 / P(allowed) and divide by "
                              "the number of all transactions")
