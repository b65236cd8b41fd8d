import numpy as np


def ranknet_loss_grad(scores, grades, sigma=1.0):
    """Mean RankNet loss over all same-query pairs with different grades, and its gradient."""
    s = np.asarray(scores, dtype=float)
    g = np.asarray(grades, dtype=float)

    # pair[q, i, j]: in query q, document i is more relevant than document j. The
    # comparison broadcasts within each query only, so no pair crosses queries.
    pair = g[:, :, None] > g[:, None, :]
    n_pairs = pair.sum()
    if n_pairs == 0:
        raise ValueError("grades: no query has two documents with different grades")

    margin = sigma * (s[:, :, None] - s[:, None, :])         # σ (s_i - s_j) for all i, j
    # log(1 + exp(-m)) computed as logaddexp(0, -m): finite for any margin.
    loss = np.logaddexp(0.0, -margin)[pair].sum() / n_pairs

    # d/ds_i log(1 + exp(-σ(s_i - s_j))) = -σ sigmoid(-σ(s_i - s_j)); s_j gets the opposite.
    # sigmoid(-m) = exp(-logaddexp(0, m)) never overflows.
    lam = np.where(pair, sigma * np.exp(-np.logaddexp(0.0, margin)), 0.0) / n_pairs
    grad = -lam.sum(axis=2) + lam.sum(axis=1)     # as the better (i) minus as the worse (j)
    return float(loss), grad
