import numpy as np


def _sigmoid(z):
    """1 / (1 + e^-z) without overflow: exponentiate -|z| only."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _softmax(z):
    """Row-wise softmax, shifted by the row maximum so exp never overflows."""
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def gb_newton_step(y, F, leaf, learning_rate):
    """F + learning_rate * gamma(leaf) with Newton leaf values, for 2 or K classes."""
    y = np.asarray(y)
    F = np.asarray(F, dtype=float)
    binary = F.ndim == 1
    scores = F[:, None] if binary else F                 # (n, columns)
    leaves = np.asarray(leaf).reshape(scores.shape)
    n_classes = 2 if binary else scores.shape[1]
    if binary:
        p = _sigmoid(scores)
        target = (y == 1)[:, None].astype(float)
    else:
        p = _softmax(scores)                             # every class from the old scores
        target = (y[:, None] == np.arange(n_classes)).astype(float)
    residual = target - p                                # negative gradient of log loss
    hessian = p * (1.0 - p)                              # its curvature, per sample
    factor = 1.0 if binary else (n_classes - 1) / n_classes
    new = scores.copy()
    for k in range(scores.shape[1]):                     # one tree per column
        ids = leaves[:, k]
        num = np.bincount(ids, weights=residual[:, k])[ids]
        den = np.bincount(ids, weights=hessian[:, k])[ids]
        # A leaf of certain predictions has no curvature: no step (not a division by 0).
        safe = np.where(den < 1e-150, 1.0, den)
        gamma = np.where(den < 1e-150, 0.0, factor * num / safe)
        new[:, k] += learning_rate * gamma
    return new[:, 0] if binary else new
