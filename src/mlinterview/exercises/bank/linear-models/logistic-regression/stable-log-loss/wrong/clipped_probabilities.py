"""Clips the probabilities to [1e-15, 1 - 1e-15] before taking logs: no infinity, but
the loss of a badly wrong sample is capped near 34.5 instead of growing with |z|."""
import numpy as np
from scipy.special import expit


def sigmoid_log_loss(z, y):
    z, y = np.asarray(z, dtype=float), np.asarray(y, dtype=float)
    p = expit(z)
    q = np.clip(p, 1e-15, 1 - 1e-15)
    return p, float(-np.mean(y * np.log(q) + (1 - y) * np.log(1 - q)))
