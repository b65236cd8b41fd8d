"""Adds eps after the square root: sqrt(mean(x²)) + eps."""
import numpy as np


def rms_norm(x, weight, eps):
    x = np.asarray(x, dtype=float)
    return x / (np.sqrt(np.mean(x * x, axis=-1, keepdims=True)) + eps) * weight
