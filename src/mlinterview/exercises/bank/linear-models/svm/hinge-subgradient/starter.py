import numpy as np


def hinge_subgradient(w, b, X, y, lam):
    """Soft-margin SVM objective (lam/2)||w||² + mean hinge, and a subgradient.

    Returns (loss, grad_w of shape (d,), grad_b).
    """
    w, X, y = np.asarray(w, float), np.asarray(X, float), np.asarray(y, float)
    raise NotImplementedError("margins m = y (X w + b); active = m < 1; average over n")
