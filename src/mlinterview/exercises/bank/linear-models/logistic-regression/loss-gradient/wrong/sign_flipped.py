"""Gradient with the wrong sign (y - p): the direction of steepest ascent's opposite."""
import numpy as np


def logistic_loss_grad(w, b, X, y):
    w, X, y = np.asarray(w, float), np.asarray(X, float), np.asarray(y, float)
    z = X @ w + b
    loss = np.mean(y * np.logaddexp(0.0, -z) + (1 - y) * np.logaddexp(0.0, z))
    p = 1 / (1 + np.exp(-np.clip(z, -500, 500)))
    return float(loss), X.T @ (y - p) / len(y), float((y - p).mean())
