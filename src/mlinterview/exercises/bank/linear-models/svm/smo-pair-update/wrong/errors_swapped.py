"""Steps with E_j - E_i instead of E_i - E_j: moves alpha_j uphill, away from the
minimum along the segment (then clipped)."""
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
    eta = K[i, i] + K[j, j] - 2 * K[i, j]
    if low == high or eta <= 0:
        return alpha
    new_j = min(max(alpha[j] + y[j] * (E[j] - E[i]) / eta, low), high)
    alpha[i] += s * (alpha[j] - new_j)
    alpha[j] = new_j
    return alpha
