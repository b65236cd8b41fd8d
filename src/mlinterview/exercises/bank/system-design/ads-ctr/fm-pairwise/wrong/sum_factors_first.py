"""Sums over the factors before squaring: mixes factor f of one feature with factor g of
another (Σ_f Σ_g instead of Σ_f)."""
import numpy as np


def fm_pairwise(X, V):
    X, V = np.asarray(X, dtype=float), np.asarray(V, dtype=float)
    s = (X @ V).sum(axis=1)
    return 0.5 * (s * s - ((X * X) @ (V * V)).sum(axis=1))
