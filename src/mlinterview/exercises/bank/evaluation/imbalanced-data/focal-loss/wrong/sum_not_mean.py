"""Sums the per-entry losses (and gradients) instead of averaging them."""
import numpy as np


def focal_loss_grad(logits, targets, gamma=2.0, alpha=0.25):
    x, y = np.asarray(logits, float), np.asarray(targets, float)
    log_p, log_q = -np.logaddexp(0, -x), -np.logaddexp(0, x)
    p, q = np.exp(log_p), np.exp(log_q)
    a = 1.0 if alpha is None else alpha * y + (1 - alpha) * (1 - y)
    loss = -np.where(y == 1, q**gamma * log_p, p**gamma * log_q)
    d = np.where(y == 1, -(q**gamma) * (q - gamma * p * log_p),
                 (p**gamma) * (p - gamma * q * log_q))
    return float(np.sum(a * loss)), a * d
