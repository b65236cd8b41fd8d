import numpy as np


def logistic_loss_grad(w, b, X, y):
    """Mean binary cross-entropy of sigmoid(X w + b) and its gradients."""
    w, X, y = np.asarray(w, float), np.asarray(X, float), np.asarray(y, float)
    n = len(y)
    z = X @ w + b
    # -log σ(z) = log(1 + e^{-z}) and -log(1 - σ(z)) = log(1 + e^{z}): logaddexp never overflows.
    loss = np.mean(y * np.logaddexp(0.0, -z) + (1 - y) * np.logaddexp(0.0, z))
    p = np.exp(-np.logaddexp(0.0, -z))          # σ(z), also overflow-free
    residual = p - y                            # d(loss_i)/dz_i: the sigmoid's slope cancels
    return float(loss), X.T @ residual / n, float(residual.sum() / n)
