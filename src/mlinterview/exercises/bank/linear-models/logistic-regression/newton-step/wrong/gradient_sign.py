"""Writes the data gradient as Xdᵀ (y - p), the gradient of the log-likelihood, while
the penalty's gradient keeps its + sign: the two parts of J no longer agree."""
import numpy as np
from scipy.special import expit


def newton_step(w, b, X, y, C):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    theta = np.append(np.asarray(w, dtype=float), b)
    Xd = np.hstack([X, np.ones((len(X), 1))])
    p = expit(Xd @ theta)
    pen = np.append(np.ones(len(theta) - 1), 0.0)
    grad = C * Xd.T @ (y - p) + pen * theta
    hess = C * (Xd.T * (p * (1 - p))) @ Xd + np.diag(pen)
    return grad, hess, theta - np.linalg.solve(hess, grad)
