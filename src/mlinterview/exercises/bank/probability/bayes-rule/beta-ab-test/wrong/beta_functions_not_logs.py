"""Evaluates the Beta functions themselves (scipy.special.beta) instead of their logs:
for counts in the hundreds they underflow to 0, and the terms become 0/0 = NaN."""
import numpy as np
from scipy.special import beta


def prob_b_beats_a(s_a, n_a, s_b, n_b, prior=(1, 1)):
    a0, b0 = prior
    aa, ba, ab, bb = a0 + s_a, b0 + n_a - s_a, a0 + s_b, b0 + n_b - s_b
    i = np.arange(ab)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore", under="ignore"):
        t = beta(aa + i, ba + bb) / ((bb + i) * beta(1 + i, bb) * beta(aa, ba))
    return float(np.sum(t))
