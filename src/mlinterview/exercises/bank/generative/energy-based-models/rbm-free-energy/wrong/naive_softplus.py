"""Computes softplus as log(1 + exp(a)): overflows to inf for large pre-activations."""
import numpy as np


def rbm_free_energy(V, W, b, c):
    V, W, b, c = (np.asarray(x, dtype=float) for x in (V, W, b, c))
    a = V @ W + c
    with np.errstate(over="ignore"):
        free = -V @ b - np.log(1.0 + np.exp(a)).sum(axis=1)
        score = b + (1.0 / (1.0 + np.exp(-a))) @ W.T
    return free, score
