"""Confuses σ(z) with σ(-z): computes the loss of the opposite labels,
softplus(z) - (1 - y) z = softplus(-z) + y z, instead of softplus(z) - y z."""
import numpy as np
from scipy.special import expit


def sigmoid_log_loss(z, y):
    z, y = np.asarray(z, dtype=float), np.asarray(y, dtype=float)
    return expit(z), float(np.mean(np.logaddexp(0.0, -z) + y * z))
