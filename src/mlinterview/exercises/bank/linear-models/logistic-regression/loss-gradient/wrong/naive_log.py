"""Computes log(sigmoid(z)) directly: -inf/NaN once scores are large."""
import numpy as np


def logistic_loss_grad(w, b, X, y):
    w, X, y = np.asarray(w, float), np.asarray(X, float), np.asarray(y, float)
    z = X @ w + b
    with np.errstate(all="ignore"):
        p = 1 / (1 + np.exp(-z))
        loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    return float(loss), X.T @ (p - y) / len(y), float((p - y).mean())
