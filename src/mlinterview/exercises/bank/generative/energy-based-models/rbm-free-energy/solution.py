import numpy as np


def _sigmoid(a):
    """1 / (1 + e^-a) without overflow: exp of a non-positive number only."""
    e = np.exp(-np.abs(a))
    return np.where(a >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def rbm_free_energy(V, W, b, c):
    """F(v) = -b.v - sum_j softplus(c_j + (v W)_j), shape (n,), and -dF/dv, shape (n, d)."""
    V = np.asarray(V, dtype=float)
    W = np.asarray(W, dtype=float)
    b = np.asarray(b, dtype=float)
    c = np.asarray(c, dtype=float)
    a = V @ W + c                                   # hidden pre-activations (n, k)
    # softplus(a) = log(1 + e^a) = logaddexp(0, a): never forms e^a for large a.
    free_energy = -V @ b - np.logaddexp(0.0, a).sum(axis=1)
    # d softplus(a) / da = sigmoid(a), and da/dv = W: the chain rule gives W sigmoid(a).
    score = b + _sigmoid(a) @ W.T
    return free_energy, score
