"""Updates alpha_i by alpha_j - alpha_j_new without the factor s = y_i y_j: when the two
labels differ, sum alpha y no longer stays 0."""
import numpy as np


def smo_step(alpha, y, K, C, i, j):
    alpha = np.array(alpha, dtype=float)
    y, K = np.asarray(y, dtype=float), np.asarray(K, dtype=float)
    E = K @ (alpha * y) - y
    if y[i] != y[j]:
        low, high = max(0.0, alpha[j] - alpha[i]), min(C, C + alpha[j] - alpha[i])
    else:
        low, high = max(0.0, alpha[i] + alpha[j] - C), min(C, alpha[i] + alpha[j])
    eta = K[i, i] + K[j, j] - 2 * K[i, j]
    if low == high or eta <= 0:
        return alpha
    new_j = min(max(alpha[j] + y[j] * (E[i] - E[j]) / eta, low), high)
    alpha[i] += alpha[j] - new_j
    alpha[j] = new_j
    return alpha
