import numpy as np


def squeeze_excitation(x, W1, b1, W2, b2):
    """SE block: x (N, C, H, W) -> (y, s), y = x * s[:, :, None, None] with the channel gates
    s = sigmoid(W2 relu(W1 mean_hw(x) + b1) + b2) of shape (N, C)."""
    raise NotImplementedError("squeeze, excite, scale")
