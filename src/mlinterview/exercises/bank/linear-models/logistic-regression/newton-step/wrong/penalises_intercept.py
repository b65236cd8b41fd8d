"""Penalises the intercept along with the weights (½||theta||²): the gradient and Hessian
get a +b and a +1 in the intercept's entry that the objective does not have."""
import numpy as np
from scipy.special import expit


def newton_step(w, b, X, y, C):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    theta = np.append(np.asarray(w, dtype=float), b)
    Xd = np.hstack([X, np.ones((len(X), 1))])
    p = expit(Xd @ theta)
    grad = C * Xd.T @ (p - y) + theta
    hess = C * (Xd.T * (p * (1 - p))) @ Xd + np.eye(theta.size)
    return grad, hess, theta - np.linalg.solve(hess, grad)
