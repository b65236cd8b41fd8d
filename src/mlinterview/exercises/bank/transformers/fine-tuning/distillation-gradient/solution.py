import numpy as np


def _log_softmax(z):
    shifted = z - z.max(axis=1, keepdims=True)       # no exp of a large number
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def distillation_loss_grad(student_logits, teacher_logits, labels, temperature, alpha):
    """(alpha T² KL(p_t || p_s) + (1 - alpha) CE, d loss / d student_logits)."""
    s = np.asarray(student_logits, dtype=float)
    t = np.asarray(teacher_logits, dtype=float)
    n = s.shape[0]
    log_ps, log_pt = _log_softmax(s / temperature), _log_softmax(t / temperature)
    p_s, p_t = np.exp(log_ps), np.exp(log_pt)
    kl = np.sum(p_t * (log_pt - log_ps)) / n
    soft_loss = temperature ** 2 * kl
    # d/dz [T² KL] = T² · (1/T) (p_s - p_t): the chain rule through z / T.
    soft_grad = temperature * (p_s - p_t) / n
    if labels is None:
        return float(soft_loss), soft_grad
    labels = np.asarray(labels)
    log_p1 = _log_softmax(s)
    rows = np.arange(n)
    hard_loss = -log_p1[rows, labels].sum() / n
    hard_grad = np.exp(log_p1)
    hard_grad[rows, labels] -= 1.0
    hard_grad /= n
    loss = alpha * soft_loss + (1 - alpha) * hard_loss
    return float(loss), alpha * soft_grad + (1 - alpha) * hard_grad
