"""Exponentiates the raw logits: exp(1000) overflows and the loss becomes NaN."""
import numpy as np


def distillation_loss_grad(student_logits, teacher_logits, labels, temperature, alpha):
    s, t = np.asarray(student_logits, float), np.asarray(teacher_logits, float)
    n, T = s.shape[0], temperature
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        e_s, e_t = np.exp(s / T), np.exp(t / T)
        p_s, p_t = e_s / e_s.sum(1, keepdims=True), e_t / e_t.sum(1, keepdims=True)
        soft = T * T * np.sum(p_t * (np.log(p_t) - np.log(p_s))) / n
        soft_grad = T * (p_s - p_t) / n
        if labels is None:
            return float(soft), soft_grad
        e1 = np.exp(s)
        p1 = e1 / e1.sum(1, keepdims=True)
        hard = -np.log(p1[np.arange(n), labels]).sum() / n
    g = p1.copy()
    g[np.arange(n), labels] -= 1
    return float(alpha * soft + (1 - alpha) * hard), alpha * soft_grad + (1 - alpha) * g / n
