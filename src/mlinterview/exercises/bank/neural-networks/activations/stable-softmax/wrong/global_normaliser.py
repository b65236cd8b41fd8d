"""Normalises over the whole array instead of along the axis (forgot axis= in the sum)."""
import numpy as np


def softmax_and_log_softmax(x, axis=-1):
    x = np.asarray(x, dtype=float)
    shifted = x - x.max(axis=axis, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum())
    return np.exp(log_p), log_p
