"""Computes p = 1 / (1 + exp(-x)) and then log(p) and log(1 - p) directly: for large |x|
that is log(0) = -inf and the loss is inf (or NaN)."""
import numpy as np


def focal_loss_grad(logits, targets, gamma=2.0, alpha=0.25):
    x, y = np.asarray(logits, float), np.asarray(targets, float)
    n = x.size
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        p = 1 / (1 + np.exp(-x))
        q = 1 - p
        a = 1.0 if alpha is None else alpha * y + (1 - alpha) * (1 - y)
        loss = -(y * q**gamma * np.log(p) + (1 - y) * p**gamma * np.log(q))
        d_pos = -(q**gamma) * (q - gamma * p * np.log(p))
        d_neg = (p**gamma) * (p - gamma * q * np.log(q))
        grad = a * np.where(y == 1, d_pos, d_neg) / n
        return float(np.sum(a * loss) / n), grad
