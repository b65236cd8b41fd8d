import numpy as np


def nucleus_distribution(logits, top_p):
    """The nucleus of each row: softmax restricted to the top-p set, renormalised, (n, V)."""
    z = np.asarray(logits, dtype=float)
    # Subtract the row maximum before exp: same softmax, no overflow.
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    ranked = -np.sort(-p, axis=1)                       # each row, largest first
    above = np.cumsum(ranked, axis=1) - ranked          # the mass ranked above each token
    above[:, 0] = 0.0                                   # nothing is above the first one
    n_kept = (above < top_p).sum(axis=1)                # a prefix: `above` only grows
    # The least probable kept probability is the cut; every token at or above it stays.
    cut = ranked[np.arange(len(p)), n_kept - 1][:, None]
    kept = np.where(p >= cut, p, 0.0)
    return kept / kept.sum(axis=1, keepdims=True)
