import numpy as np


def softmax_and_log_softmax(x, axis=-1):
    """Softmax and log-softmax of ``x`` along ``axis``, without overflow or underflow."""
    x = np.asarray(x, dtype=float)
    shifted = x - x.max(axis=axis, keepdims=True)  # the largest exponent is now e^0 = 1
    log_norm = np.log(np.exp(shifted).sum(axis=axis, keepdims=True))
    log_p = shifted - log_norm
    return np.exp(log_p), log_p
