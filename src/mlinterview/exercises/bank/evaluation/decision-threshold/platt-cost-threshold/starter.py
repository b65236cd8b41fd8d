import numpy as np


def platt_cost_threshold(scores, y, cost_fp, cost_fn):
    """Platt-scale the scores, then turn the cost-optimal probability into a score threshold.

    Parameters
    ----------
    scores : sequence of float, length n (at least two distinct values)
    y : sequence of 0/1, length n (both classes present)
    cost_fp, cost_fn : floats > 0

    Returns
    -------
    (A, B, score_threshold) : floats. P(y=1 | s) = 1 / (1 + exp(A s + B)) fitted to Platt's
        targets; act when s >= score_threshold = (log(cost_fn / cost_fp) - B) / A.
    Raises ValueError if the fitted A >= 0.
    """
    raise NotImplementedError("Newton's method on the two parameters, then solve P(s) = t*")
