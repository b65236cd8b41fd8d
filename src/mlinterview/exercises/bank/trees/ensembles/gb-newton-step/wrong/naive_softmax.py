"""Exponentiates the raw scores directly: the softmax overflows (inf/inf = NaN) at 800."""
import numpy as np


def gb_newton_step(y, F, leaf, learning_rate):
    y, F = np.asarray(y), np.asarray(F, dtype=float)
    binary = F.ndim == 1
    S = F[:, None] if binary else F
    L = np.asarray(leaf).reshape(S.shape)
    with np.errstate(over="ignore", invalid="ignore"):
        if binary:
            p = 1 / (1 + np.exp(-S))
            t = (y == 1)[:, None].astype(float)
        else:
            e = np.exp(S)
            p = e / e.sum(axis=1, keepdims=True)
            t = (y[:, None] == np.arange(S.shape[1])).astype(float)
    r, h = t - p, p * (1 - p)
    factor = 1.0 if binary else (S.shape[1] - 1) / S.shape[1]
    new = S.copy()
    for k in range(S.shape[1]):
        ids = L[:, k]
        num, den = np.bincount(ids, weights=r[:, k])[ids], np.bincount(ids, weights=h[:, k])[ids]
        with np.errstate(invalid="ignore"):
            new[:, k] += learning_rate * np.where(den < 1e-150, 0.0,
                                                  factor * num / np.where(den < 1e-150, 1, den))
    return new[:, 0] if binary else new
