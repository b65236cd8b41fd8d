"""Takes sigma(x) as the derivative, forgetting that softplus with beta has derivative
sigma(beta * x)."""
import numpy as np


def _log1p_exp(z):
    """log(1 + e^z) for any z: max(z, 0) + log1p(e^-|z|) never overflows, and log1p keeps
    the tiny values (e^-40 ~ 4e-18) that log(1 + e^z) rounds to 0."""
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def softplus_family(x, beta=1.0, threshold=20.0):
    x = np.asarray(x, dtype=float)
    z = beta * x
    linear = z > threshold            # PyTorch returns x itself there (strictly above)
    softplus = np.where(linear, x, _log1p_exp(z) / beta)
    # d/dx log(1 + e^{beta x}) / beta = sigmoid(beta x); exactly 1 in the linear region.
    derivative = np.where(linear, 1.0, _sigmoid(x))
    # log sigmoid(x) = -log(1 + e^{-x}) = -softplus(-x), with no threshold.
    logsigmoid = -_log1p_exp(-x)
    return softplus, derivative, logsigmoid
