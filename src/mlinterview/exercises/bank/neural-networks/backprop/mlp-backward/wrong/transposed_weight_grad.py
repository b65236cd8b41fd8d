"""dW computed as dZᵀ X (the transpose of the right answer)."""
import numpy as np


def mlp_backward(X, y, W1, b1, W2, b2):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    n = X.shape[0]
    Z1 = X @ W1 + b1
    H = np.maximum(Z1, 0)
    Z2 = H @ W2 + b2
    E = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
    dZ2 = E / E.sum(axis=1, keepdims=True)
    dZ2[np.arange(n), y] -= 1
    dZ2 /= n
    dZ1 = (dZ2 @ W2.T) * (Z1 > 0)
    return dZ1.T @ X, dZ1.sum(0), dZ2.T @ H, dZ2.sum(0)
