"""Builds dL/dW_l from the layer's output h_l instead of its input h_{l-1}."""
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
        h = hs[l + 1]
        d = 1 - h**2 if activation == "tanh" else (zs[l] > 0) if activation == "relu" else 1.0
        delta = g * d
        wn.append(np.linalg.norm(h.T @ delta))
        g = delta @ weights[l].T
        an.append(np.linalg.norm(g))
    return np.array(wn[::-1]), np.array(an[::-1])
