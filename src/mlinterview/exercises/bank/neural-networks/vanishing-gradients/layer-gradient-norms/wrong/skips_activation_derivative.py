"""Backpropagates through the weights only, forgetting to multiply by phi'(z) at each
layer (right for a linear network only)."""
import numpy as np


def layer_gradient_norms(x, weights, grad_out, activation="tanh"):
    hs = [np.asarray(x, dtype=float)]
    for W in weights:
        z = hs[-1] @ W
        hs.append(np.tanh(z) if activation == "tanh" else
                  np.maximum(z, 0) if activation == "relu" else z)
    g = np.asarray(grad_out, dtype=float)
    wn, an = [], [np.linalg.norm(g)]
    for l in range(len(weights) - 1, -1, -1):
        wn.append(np.linalg.norm(hs[l].T @ g))
        g = g @ weights[l].T
        an.append(np.linalg.norm(g))
    return np.array(wn[::-1]), np.array(an[::-1])
