import numpy as np
from scipy.special import betaln, logsumexp


def prob_b_beats_a(s_a, n_a, s_b, n_b, prior=(1, 1)):
    """P(p_B > p_A) for independent Beta posteriors of two conversion rates."""
    a0, b0 = prior
    # Conjugacy: the posterior adds the successes and failures to the prior's counts.
    alpha_a, beta_a = a0 + s_a, b0 + n_a - s_a
    alpha_b, beta_b = a0 + s_b, b0 + n_b - s_b
    # One term per i = 0 .. alpha_b - 1, each a ratio of Beta functions, in logs.
    i = np.arange(alpha_b)
    log_terms = (betaln(alpha_a + i, beta_a + beta_b) - np.log(beta_b + i)
                 - betaln(1 + i, beta_b) - betaln(alpha_a, beta_a))
    return float(np.exp(logsumexp(log_terms)))
