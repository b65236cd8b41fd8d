def cost_optimal_threshold(probs, cost_fp, cost_fn):
    """The Bayes threshold on calibrated fraud probabilities and the batch's expected cost.

    Parameters
    ----------
    probs : list of float in [0, 1], calibrated P(fraud) per transaction
    cost_fp : float >= 0, cost of blocking a good transaction
    cost_fn : float >= 0, cost of allowing a fraud (not both 0)

    Returns
    -------
    (threshold, expected_cost) : floats. threshold = cost_fp / (cost_fp + cost_fn);
    expected_cost = sum of cost_fp * (1 - p) over p >= threshold plus cost_fn * p over
    the others.
    """
    raise NotImplementedError("compare the expected cost of blocking, cost_fp * (1 - p), "
                              "with that of allowing, cost_fn * p")
