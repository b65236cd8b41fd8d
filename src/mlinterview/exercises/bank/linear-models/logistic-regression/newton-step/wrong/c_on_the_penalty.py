"""Puts C on the penalty (sum of losses + (C/2)||w||², as if C were lambda) instead of on
the data term: large C then means strong regularisation, the opposite of scikit-learn."""
import numpy as np
from scipy.special import expit


def newton_step(w, b, X, y, C):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    theta = np.append(np.asarray(w, dtype=float), b)
    Xd = np.hstack([X, np.ones((len(X), 1))])
    p = expit(Xd @ theta)
    pen = np.append(np.ones(len(theta) - 1), 0.0)
    grad = Xd.T @ (p - y) + C * pen * theta
    hess = (Xd.T * (p * (1 - p))) @ Xd + C * np.diag(pen)
    return grad, hess, theta - np.linalg.solve(hess, grad)
