"""Leaves out the visible bias: F = -sum softplus(c + vW) and score = W sigmoid(a)."""
import numpy as np


def rbm_free_energy(V, W, b, c):
    V, W, c = (np.asarray(x, dtype=float) for x in (V, W, c))
    a = V @ W + c
    free = -np.logaddexp(0.0, a).sum(axis=1)
    sig = np.exp(-np.logaddexp(0.0, -a))
    return free, sig @ W.T
