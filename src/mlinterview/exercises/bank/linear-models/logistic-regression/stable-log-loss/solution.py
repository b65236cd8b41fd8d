import numpy as np
from scipy.special import expit


def sigmoid_log_loss(z, y):
    """Sigmoid probabilities and the mean binary cross-entropy, from logits."""
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    p = expit(z)                                   # 1 / (1 + e^-z), no overflow warning
    # -[y log σ(z) + (1 - y) log σ(-z)] = softplus(z) - y z, and
    # softplus(z) = log(1 + e^z) = logaddexp(0, z) never overflows.
    loss = np.mean(np.logaddexp(0.0, z) - y * z)
    return p, float(loss)
