"""Divides by the Euclidean norm sqrt(sum(x²)) instead of the root *mean* square."""
import numpy as np


def rms_norm(x, weight, eps):
    x = np.asarray(x, dtype=float)
    return x / np.sqrt(np.sum(x * x, axis=-1, keepdims=True) + eps) * weight
