import numpy as np


def focal_loss_grad(logits, targets, gamma=2.0, alpha=0.25):
    """Mean sigmoid focal loss (torchvision's definition) and its gradient w.r.t. the logits."""
    x = np.asarray(logits, dtype=float)
    y = np.asarray(targets, dtype=float)
    n = x.size

    # Stable pieces: log p = -softplus(-x), log(1 - p) = -softplus(x); p and 1 - p from
    # their own sigmoids (1 - sigmoid(x) would round to 0 for large x).
    log_p = -np.logaddexp(0.0, -x)
    log_q = -np.logaddexp(0.0, x)
    p = np.exp(log_p)
    q = np.exp(log_q)                                # q = 1 - p

    alpha_t = 1.0 if alpha is None else alpha * y + (1 - alpha) * (1 - y)

    # Target 1: -(1-p)^γ log p; target 0: -p^γ log(1-p). (1 - p_t) is q for 1, p for 0.
    modulating = np.where(y == 1, q, p) ** gamma
    ce = -np.where(y == 1, log_p, log_q)
    loss = np.sum(alpha_t * modulating * ce) / n

    # Derivatives with respect to the logit x, using dp/dx = p q:
    #   target 1: d/dx[-(q^γ) log p] = -q^γ (q - γ p log p)
    #   target 0: d/dx[-(p^γ) log q] =  p^γ (p - γ q log q)
    d_pos = -(q ** gamma) * (q - gamma * p * log_p)
    d_neg = (p ** gamma) * (p - gamma * q * log_q)
    grad = alpha_t * np.where(y == 1, d_pos, d_neg) / n
    return float(loss), grad
