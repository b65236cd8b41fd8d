import numpy as np


def fit_delayed_feedback(elapsed, converted, delay):
    """Maximum-likelihood conversion rate and mean delay of a censored click log.

    Parameters
    ----------
    elapsed : float array (n,), time since each click (> 0)
    converted : int array (n,), 1 if the conversion has arrived
    delay : float array (n,), delay of the arrived conversions (nan elsewhere)

    Returns
    -------
    (p, mu) : (float, float), the conversion probability and the mean delay
    """
    raise NotImplementedError("EM: w_i for the waiting clicks; p and 1/mu from them")
