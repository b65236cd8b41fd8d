"""Turns the excitation into a softmax over channels (gates that sum to 1) instead of an
independent sigmoid per channel."""
import numpy as np


def _sigmoid(a):
    """1 / (1 + e^-a) without overflow: exp of a non-positive number only."""
    e = np.exp(-np.abs(a))
    return np.where(a >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def squeeze_excitation(x, W1, b1, W2, b2):
    z = x.mean(axis=(2, 3))                    # squeeze: one number per channel, (N, C)
    hidden = np.maximum(z @ W1.T + b1, 0.0)    # bottleneck, (N, C // r)
    a = hidden @ W2.T + b2
    e = np.exp(a - a.max(axis=1, keepdims=True))
    s = e / e.sum(axis=1, keepdims=True)
    return x * s[:, :, None, None], s
