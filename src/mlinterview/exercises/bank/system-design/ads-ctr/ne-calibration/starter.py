import numpy as np


def ne_and_calibration(y_true, p):
    """Normalised entropy and calibration ratio of click predictions.

    Parameters
    ----------
    y_true : sequence of 0/1 of length n (at least one 0 and one 1)
    p : sequence of n probabilities in (0, 1)

    Returns
    -------
    (ne, ratio) : (float, float)
        ne = mean log loss / entropy of the base rate (natural logs);
        ratio = sum(p) / sum(y_true).
    """
    raise NotImplementedError("log loss / entropy of mean(y); sum(p) / sum(y)")
