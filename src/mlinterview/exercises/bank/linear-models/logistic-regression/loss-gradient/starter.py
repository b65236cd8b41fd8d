import numpy as np


def logistic_loss_grad(w, b, X, y):
    """Mean binary cross-entropy of sigmoid(X w + b) and its gradients.

    Returns (loss, grad_w of shape (p,), grad_b).
    """
    w, X, y = np.asarray(w, float), np.asarray(X, float), np.asarray(y, float)
    raise NotImplementedError("z = X w + b; loss from np.logaddexp; gradient (p - y)")
