import numpy as np


def mlp_backward(X, y, W1, b1, W2, b2):
    """Gradients of the mean softmax cross-entropy of a ReLU MLP."""
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    n = X.shape[0]
    Z1 = X @ W1 + b1
    H = np.maximum(Z1, 0)
    Z2 = H @ W2 + b2
    E = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
    P = E / E.sum(axis=1, keepdims=True)
    dZ2 = P.copy()
    dZ2[np.arange(n), y] -= 1  # P - Y without building Y
    dZ2 /= n
    dW2 = H.T @ dZ2
    db2 = dZ2.sum(axis=0)
    dZ1 = (dZ2 @ W2.T) * (Z1 > 0)
    dW1 = X.T @ dZ1
    db1 = dZ1.sum(axis=0)
    return dW1, db1, dW2, db2
