import numpy as np
from scipy.special import expit


def newton_step(w, b, X, y, C):
    """Gradient, Hessian and one Newton step of C·(log loss) + ½||w||² (b unpenalised)."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    theta = np.append(np.asarray(w, dtype=float), b)         # [w, b]
    Xd = np.hstack([X, np.ones((X.shape[0], 1))])            # the intercept's column
    p = expit(Xd @ theta)                                    # σ(z), stable for large |z|

    # The penalty ½||w||² acts on the weights only: the last entry (b) gets nothing.
    penalised = np.ones(theta.size)
    penalised[-1] = 0.0

    # d softplus(z) - y z / dz = σ(z) - y; second derivative σ(z)(1 - σ(z)).
    grad = C * Xd.T @ (p - y) + penalised * theta
    hess = C * (Xd.T * (p * (1 - p))) @ Xd + np.diag(penalised)
    theta_new = theta - np.linalg.solve(hess, grad)
    return grad, hess, theta_new
