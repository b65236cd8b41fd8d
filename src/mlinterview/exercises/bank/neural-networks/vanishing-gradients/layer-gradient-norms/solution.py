import numpy as np


def _forward(z, activation):
    if activation == "tanh":
        return np.tanh(z)
    if activation == "relu":
        return np.maximum(z, 0.0)
    return z


def _derivative(z, h, activation):
    """phi'(z), using the layer's output h where that is cheaper (tanh' = 1 - tanh²)."""
    if activation == "tanh":
        return 1.0 - h * h
    if activation == "relu":
        return (z > 0).astype(float)
    return np.ones_like(z)


def layer_gradient_norms(x, weights, grad_out, activation="tanh"):
    """Frobenius norms of dL/dW_l (shape (L,)) and of dL/dh_l for l = 0..L (shape (L + 1,))
    for h_l = activation(h_{l-1} @ W_l), h_0 = x (B, d_0), given dL/dh_L = grad_out."""
    # Forward: keep every layer's input h_{l-1} and pre-activation z_l for the backward pass.
    hs, zs = [np.asarray(x, dtype=float)], []
    for W in weights:
        z = hs[-1] @ W
        zs.append(z)
        hs.append(_forward(z, activation))

    depth = len(weights)
    weight_norms = np.zeros(depth)
    activation_norms = np.zeros(depth + 1)
    g = np.asarray(grad_out, dtype=float)          # dL/dh_L
    activation_norms[depth] = np.linalg.norm(g)
    for l in range(depth - 1, -1, -1):
        delta = g * _derivative(zs[l], hs[l + 1], activation)   # dL/dz
        weight_norms[l] = np.linalg.norm(hs[l].T @ delta)       # dL/dW = h_{l-1}ᵀ δ
        g = delta @ weights[l].T                                 # dL/dh_{l-1} = δ Wᵀ
        activation_norms[l] = np.linalg.norm(g)
    return weight_norms, activation_norms
