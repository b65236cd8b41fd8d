import numpy as np


def rms_norm(x, weight, eps):
    """x / sqrt(mean(x²) + eps) · weight over the last axis."""
    x = np.asarray(x, dtype=float)
    # One mean square per token (keepdims so it divides every feature of that token).
    mean_square = np.mean(x * x, axis=-1, keepdims=True)
    return x / np.sqrt(mean_square + eps) * np.asarray(weight, dtype=float)
