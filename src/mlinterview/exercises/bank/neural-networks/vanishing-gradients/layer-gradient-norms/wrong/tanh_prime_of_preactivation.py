"""Writes tanh' as 1 - z**2 with the pre-activation z, where it is 1 - tanh(z)**2."""
import numpy as np


def layer_gradient_norms(x, weights, grad_out, activation="tanh"):
    hs, zs = [np.asarray(x, dtype=float)], []
    for W in weights:
        z = hs[-1] @ W
        zs.append(z)
        hs.append(np.tanh(z) if activation == "tanh" else
                  np.maximum(z, 0) if activation == "relu" else z)
    g = np.asarray(grad_out, dtype=float)
    wn, an = [], [np.linalg.norm(g)]
    for l in range(len(weights) - 1, -1, -1):
        z = zs[l]
        d = 1 - z**2 if activation == "tanh" else (z > 0) if activation == "relu" else 1.0
        delta = g * d
        wn.append(np.linalg.norm(hs[l].T @ delta))
        g = delta @ weights[l].T
        an.append(np.linalg.norm(g))
    return np.array(wn[::-1]), np.array(an[::-1])
