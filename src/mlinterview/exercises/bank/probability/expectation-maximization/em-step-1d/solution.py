import numpy as np


def em_step(x, weights, means, variances):
    """One EM iteration for a 1-D Gaussian mixture."""
    x = np.asarray(x, dtype=float)
    weights, means, variances = (np.asarray(a, dtype=float)
                                 for a in (weights, means, variances))

    # E-step in log space: log(w_k) + log N(x_i; mu_k, s2_k), shape (n, K).
    log_joint = (np.log(weights)
                 - 0.5 * (np.log(2 * np.pi * variances)
                          + (x[:, None] - means) ** 2 / variances))
    # log-sum-exp over components: shift by the row maximum so the largest term is
    # exp(0) = 1; far-away points then keep a finite log-density instead of log(0).
    top = log_joint.max(axis=1, keepdims=True)
    log_norm = top + np.log(np.exp(log_joint - top).sum(axis=1, keepdims=True))
    resp = np.exp(log_joint - log_norm)            # rows sum to 1
    log_likelihood = float(log_norm.sum())         # of the input parameters

    # M-step: weighted counts, means, then variances around the new means.
    nk = resp.sum(axis=0)
    new_weights = nk / x.size
    new_means = resp.T @ x / nk
    new_variances = np.sum(resp * (x[:, None] - new_means) ** 2, axis=0) / nk
    return new_weights, new_means, new_variances, log_likelihood
