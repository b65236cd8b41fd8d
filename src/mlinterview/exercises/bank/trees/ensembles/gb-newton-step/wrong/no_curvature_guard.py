"""Divides by the summed curvature without a guard: certain leaves give inf or NaN."""
import numpy as np


def gb_newton_step(y, F, leaf, learning_rate):
    y, F = np.asarray(y), np.asarray(F, dtype=float)
    binary = F.ndim == 1
    S = F[:, None] if binary else F
    L = np.asarray(leaf).reshape(S.shape)
    if binary:
        p = np.exp(-np.logaddexp(0, -S))
        t = (y == 1)[:, None].astype(float)
    else:
        e = np.exp(S - S.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        t = (y[:, None] == np.arange(S.shape[1])).astype(float)
    r, h = t - p, p * (1 - p)
    factor = 1.0 if binary else (S.shape[1] - 1) / S.shape[1]
    new = S.copy()
    for k in range(S.shape[1]):
        ids = L[:, k]
        num, den = np.bincount(ids, weights=r[:, k])[ids], np.bincount(ids, weights=h[:, k])[ids]
        with np.errstate(divide="ignore", invalid="ignore"):
            new[:, k] += learning_rate * factor * num / den
    return new[:, 0] if binary else new
