"""Uses (1 - p)^gamma as the modulating factor for every entry, also the negatives (p_t
confused with p): confident negatives are not down-weighted."""
import numpy as np


def focal_loss_grad(logits, targets, gamma=2.0, alpha=0.25):
    x, y = np.asarray(logits, float), np.asarray(targets, float)
    n = x.size
    log_p, log_q = -np.logaddexp(0, -x), -np.logaddexp(0, x)
    p, q = np.exp(log_p), np.exp(log_q)
    a = 1.0 if alpha is None else alpha * y + (1 - alpha) * (1 - y)
    ce = -np.where(y == 1, log_p, log_q)
    loss = q**gamma * ce
    d_ce = np.where(y == 1, -q, p)
    # d/dx q^gamma = -gamma q^gamma p
    grad = q**gamma * d_ce - gamma * q**gamma * p * ce
    return float(np.sum(a * loss) / n), a * grad / n
