"""Stable softmax, but log-softmax taken as log(p): -inf where p underflowed to 0."""
import numpy as np


def softmax_and_log_softmax(x, axis=-1):
    x = np.asarray(x, dtype=float)
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    p = e / e.sum(axis=axis, keepdims=True)
    with np.errstate(divide="ignore"):
        return p, np.log(p)
