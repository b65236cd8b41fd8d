def prob_at_least(k, n, p):
    """P(X >= k) for X ~ Binomial(n, p).

    Parameters
    ----------
    k : int
    n : int, number of trials (0 <= n <= 5000)
    p : float in [0, 1]

    Returns
    -------
    float
    """
    raise NotImplementedError("sum the pmf from k to n, in log space")
