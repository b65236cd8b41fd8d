"""Uses the logit form but evaluates softplus as log(1 + exp(z)): exp(1000) overflows to
inf, so a confident sample gets an infinite loss."""
import numpy as np
from scipy.special import expit


def sigmoid_log_loss(z, y):
    z, y = np.asarray(z, dtype=float), np.asarray(y, dtype=float)
    with np.errstate(over="ignore"):
        loss = np.mean(np.log(1 + np.exp(z)) - y * z)
    return expit(z), float(loss)
