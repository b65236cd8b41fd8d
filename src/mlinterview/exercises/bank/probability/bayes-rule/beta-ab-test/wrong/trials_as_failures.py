"""Adds the number of trials to the prior's b0 instead of the number of failures: the
posterior Beta(a0 + s, b0 + n) counts every success as a failure too."""
import numpy as np
from scipy.special import betaln, logsumexp


def prob_b_beats_a(s_a, n_a, s_b, n_b, prior=(1, 1)):
    a0, b0 = prior
    aa, ba, ab, bb = a0 + s_a, b0 + n_a, a0 + s_b, b0 + n_b
    i = np.arange(ab)
    t = betaln(aa + i, ba + bb) - np.log(bb + i) - betaln(1 + i, bb) - betaln(aa, ba)
    return float(np.exp(logsumexp(t)))
