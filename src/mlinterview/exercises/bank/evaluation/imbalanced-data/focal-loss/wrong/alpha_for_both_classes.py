"""Multiplies every entry by alpha, instead of alpha for targets 1 and 1 - alpha for
targets 0."""
import numpy as np


def focal_loss_grad(logits, targets, gamma=2.0, alpha=0.25):
    x, y = np.asarray(logits, float), np.asarray(targets, float)
    n = x.size
    log_p, log_q = -np.logaddexp(0, -x), -np.logaddexp(0, x)
    p, q = np.exp(log_p), np.exp(log_q)
    a = 1.0 if alpha is None else alpha
    loss = -np.where(y == 1, q**gamma * log_p, p**gamma * log_q)
    d = np.where(y == 1, -(q**gamma) * (q - gamma * p * log_p),
                 (p**gamma) * (p - gamma * q * log_q))
    return float(np.sum(a * loss) / n), a * d / n
