"""Takes the unconstrained minimiser along the line without clipping it to [L, H]: the
dual variables leave the box [0, C]."""
import numpy as np


def smo_step(alpha, y, K, C, i, j):
    alpha = np.array(alpha, dtype=float)
    y, K = np.asarray(y, dtype=float), np.asarray(K, dtype=float)
    s = y[i] * y[j]
    E = K @ (alpha * y) - y
    eta = K[i, i] + K[j, j] - 2 * K[i, j]
    if eta <= 0:
        return alpha
    new_j = alpha[j] + y[j] * (E[i] - E[j]) / eta
    alpha[i] += s * (alpha[j] - new_j)
    alpha[j] = new_j
    return alpha
