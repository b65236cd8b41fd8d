"""Subtracts the mean first: that is LayerNorm without a bias, not RMSNorm."""
import numpy as np


def rms_norm(x, weight, eps):
    x = np.asarray(x, dtype=float)
    centred = x - x.mean(axis=-1, keepdims=True)
    return centred / np.sqrt(np.mean(centred**2, axis=-1, keepdims=True) + eps) * weight
