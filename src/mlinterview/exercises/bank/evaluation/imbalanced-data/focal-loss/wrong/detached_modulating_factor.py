"""Treats the factor (1 - p_t)^gamma as a constant when differentiating (as if detached):
the gradient misses the gamma * p * log p term."""
import numpy as np


def focal_loss_grad(logits, targets, gamma=2.0, alpha=0.25):
    x, y = np.asarray(logits, float), np.asarray(targets, float)
    n = x.size
    log_p, log_q = -np.logaddexp(0, -x), -np.logaddexp(0, x)
    p, q = np.exp(log_p), np.exp(log_q)
    a = 1.0 if alpha is None else alpha * y + (1 - alpha) * (1 - y)
    factor = np.where(y == 1, q, p) ** gamma
    loss = -factor * np.where(y == 1, log_p, log_q)
    d_ce = np.where(y == 1, -q, p)          # derivative of the cross-entropy alone
    return float(np.sum(a * loss) / n), a * factor * d_ce / n
