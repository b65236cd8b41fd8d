"""Divides by eta without checking it: for duplicate points eta = 0, the step is
+-inf (or NaN) and clipping it picks an end without comparing the objective."""
import numpy as np


def smo_step(alpha, y, K, C, i, j):
    alpha = np.array(alpha, dtype=float)
    y, K = np.asarray(y, dtype=float), np.asarray(K, dtype=float)
    s = y[i] * y[j]
    E = K @ (alpha * y) - y
    if s < 0:
        low, high = max(0.0, alpha[j] - alpha[i]), min(C, C + alpha[j] - alpha[i])
    else:
        low, high = max(0.0, alpha[i] + alpha[j] - C), min(C, alpha[i] + alpha[j])
    if low == high:
        return alpha
    eta = K[i, i] + K[j, j] - 2 * K[i, j]
    with np.errstate(divide="ignore", invalid="ignore"):
        new_j = float(np.clip(alpha[j] + y[j] * (E[i] - E[j]) / eta, low, high))
    alpha[i] += s * (alpha[j] - new_j)
    alpha[j] = new_j
    return alpha
