import numpy as np


def hinge_subgradient(w, b, X, y, lam):
    """Soft-margin SVM objective (lam/2)||w||² + mean hinge, and a subgradient."""
    w, X, y = np.asarray(w, float), np.asarray(X, float), np.asarray(y, float)
    n = len(y)
    margin = y * (X @ w + b)
    active = margin < 1.0            # strictly inside the margin: the hinge's slope is -1
    loss = 0.5 * lam * (w @ w) + np.maximum(0.0, 1.0 - margin).sum() / n
    grad_w = lam * w - X[active].T @ y[active] / n
    grad_b = -y[active].sum() / n    # no penalty on the intercept
    return float(loss), grad_w, float(grad_b)
