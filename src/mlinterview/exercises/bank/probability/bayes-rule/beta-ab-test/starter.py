import numpy as np
from scipy.special import betaln, logsumexp


def prob_b_beats_a(s_a, n_a, s_b, n_b, prior=(1, 1)):
    """P(p_B > p_A) for independent Beta posteriors of two conversion rates.

    Parameters
    ----------
    s_a, n_a, s_b, n_b : int, successes and trials of A and B
    prior : (a0, b0), Beta prior parameters; a0 a positive integer, b0 > 0

    Returns
    -------
    float in [0, 1]
    """
    raise NotImplementedError("posterior parameters, then the exact sum in log space")
