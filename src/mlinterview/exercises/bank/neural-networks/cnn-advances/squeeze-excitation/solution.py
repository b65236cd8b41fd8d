import numpy as np


def _sigmoid(a):
    """1 / (1 + e^-a) without overflow: exp of a non-positive number only."""
    e = np.exp(-np.abs(a))
    return np.where(a >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def squeeze_excitation(x, W1, b1, W2, b2):
    """SE block: x (N, C, H, W) -> (y, s), y = x * s[:, :, None, None] with the channel gates
    s = sigmoid(W2 relu(W1 mean_hw(x) + b1) + b2) of shape (N, C)."""
    z = x.mean(axis=(2, 3))                    # squeeze: one number per channel, (N, C)
    hidden = np.maximum(z @ W1.T + b1, 0.0)    # bottleneck, (N, C // r)
    s = _sigmoid(hidden @ W2.T + b2)           # excitation: a gate in (0, 1) per channel
    return x * s[:, :, None, None], s
