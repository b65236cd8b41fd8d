"""Runs the sum over i = 0 .. alpha_B inclusive: one term too many, so the result is too
large (and can exceed 1)."""
import numpy as np
from scipy.special import betaln, logsumexp


def prob_b_beats_a(s_a, n_a, s_b, n_b, prior=(1, 1)):
    a0, b0 = prior
    aa, ba, ab, bb = a0 + s_a, b0 + n_a - s_a, a0 + s_b, b0 + n_b - s_b
    i = np.arange(ab + 1)
    t = betaln(aa + i, ba + bb) - np.log(bb + i) - betaln(1 + i, bb) - betaln(aa, ba)
    return float(np.exp(logsumexp(t)))
