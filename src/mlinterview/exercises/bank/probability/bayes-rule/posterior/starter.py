import numpy as np


def posterior(prior, sensitivity, specificity, positive=True):
    """P(condition | test result) by Bayes' rule.

    Parameters
    ----------
    prior, sensitivity, specificity : float or ndarray (same shape)
    positive : bool, the observed test result

    Returns
    -------
    float or ndarray; nan where the observed result has probability 0.
    """
    prior = np.asarray(prior, dtype=float)
    raise NotImplementedError("likelihood times prior, divided by the evidence")
