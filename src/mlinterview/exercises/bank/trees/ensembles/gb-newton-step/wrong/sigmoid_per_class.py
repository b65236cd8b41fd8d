"""For K classes, takes p_k = sigmoid(F_k) (one-vs-rest) instead of the softmax."""
import numpy as np


def gb_newton_step(y, F, leaf, learning_rate):
    y, F = np.asarray(y), np.asarray(F, dtype=float)
    binary = F.ndim == 1
    S = F[:, None] if binary else F
    L = np.asarray(leaf).reshape(S.shape)
    p = np.exp(-np.logaddexp(0, -S))
    t = (y == 1)[:, None].astype(float) if binary else \
        (y[:, None] == np.arange(S.shape[1])).astype(float)
    r, h = t - p, p * (1 - p)
    factor = 1.0 if binary else (S.shape[1] - 1) / S.shape[1]
    new = S.copy()
    for k in range(S.shape[1]):
        ids = L[:, k]
        num, den = np.bincount(ids, weights=r[:, k])[ids], np.bincount(ids, weights=h[:, k])[ids]
        new[:, k] += learning_rate * np.where(den < 1e-150, 0.0,
                                              factor * num / np.where(den < 1e-150, 1, den))
    return new[:, 0] if binary else new
