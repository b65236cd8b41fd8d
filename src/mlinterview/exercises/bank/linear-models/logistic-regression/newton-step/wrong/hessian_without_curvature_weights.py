"""Drops the p (1 - p) weights from the Hessian (C XdᵀXd, as if the loss were squared
error): the curvature of the log loss is not constant."""
import numpy as np
from scipy.special import expit


def newton_step(w, b, X, y, C):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    theta = np.append(np.asarray(w, dtype=float), b)
    Xd = np.hstack([X, np.ones((len(X), 1))])
    p = expit(Xd @ theta)
    pen = np.append(np.ones(len(theta) - 1), 0.0)
    grad = C * Xd.T @ (p - y) + pen * theta
    hess = C * Xd.T @ Xd + np.diag(pen)
    return grad, hess, theta - np.linalg.solve(hess, grad)
