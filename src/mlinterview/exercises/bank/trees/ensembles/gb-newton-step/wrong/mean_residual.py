"""Uses the mean residual (the squared-loss leaf value) instead of the Newton step."""
import numpy as np


def gb_newton_step(y, F, leaf, learning_rate):
    y, F = np.asarray(y), np.asarray(F, dtype=float)
    binary = F.ndim == 1
    S = F[:, None] if binary else F
    L = np.asarray(leaf).reshape(S.shape)
    if binary:
        p = 1 / (1 + np.exp(-np.clip(S, -700, 700)))
        t = (y == 1)[:, None].astype(float)
    else:
        e = np.exp(S - S.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        t = (y[:, None] == np.arange(S.shape[1])).astype(float)
    r = t - p
    new = S.copy()
    for k in range(S.shape[1]):
        ids = L[:, k]
        new[:, k] += learning_rate * (np.bincount(ids, weights=r[:, k]) / np.bincount(ids))[ids]
    return new[:, 0] if binary else new
