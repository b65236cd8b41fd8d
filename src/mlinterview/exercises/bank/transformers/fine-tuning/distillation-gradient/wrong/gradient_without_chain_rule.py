"""Right loss, but the soft gradient is T² (p_s - p_t) / N: the chain rule's 1/T is missing."""
import numpy as np


def _log_softmax(z):
    shifted = z - z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def distillation_loss_grad(student_logits, teacher_logits, labels, temperature, alpha):
    s, t = np.asarray(student_logits, float), np.asarray(teacher_logits, float)
    n, T = s.shape[0], temperature
    log_ps, log_pt = _log_softmax(s / T), _log_softmax(t / T)
    p_s, p_t = np.exp(log_ps), np.exp(log_pt)
    soft = T * T * np.sum(p_t * (log_pt - log_ps)) / n
    soft_grad = T * T * (p_s - p_t) / n
    if labels is None:
        return float(soft), soft_grad
    log_p1 = _log_softmax(s)
    hard = -log_p1[np.arange(n), labels].sum() / n
    g = np.exp(log_p1)
    g[np.arange(n), labels] -= 1
    return float(alpha * soft + (1 - alpha) * hard), alpha * soft_grad + (1 - alpha) * g / n
