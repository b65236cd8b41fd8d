"""Divides by the mean absolute value instead of the root mean square."""
import numpy as np


def rms_norm(x, weight, eps):
    x = np.asarray(x, dtype=float)
    return x / (np.mean(np.abs(x), axis=-1, keepdims=True) + eps) * weight
