"""Computes the loss from the probabilities, y log p + (1 - y) log(1 - p): for |z| in the
hundreds p rounds to exactly 0 or 1 and the log gives -inf (or 0 * -inf = NaN)."""
import numpy as np


def sigmoid_log_loss(z, y):
    z, y = np.asarray(z, dtype=float), np.asarray(y, dtype=float)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        p = 1 / (1 + np.exp(-z))
        loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    return p, float(loss)
