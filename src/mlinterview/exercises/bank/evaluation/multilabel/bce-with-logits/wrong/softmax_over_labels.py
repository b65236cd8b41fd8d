"""Uses a softmax over the labels with categorical cross-entropy, as if exactly one label
were true: labels of a multi-label problem are not mutually exclusive."""
import numpy as np


def bce_with_logits(logits, targets, pos_weight=None):
    z = np.atleast_2d(np.asarray(logits, dtype=np.float64))
    y = np.atleast_2d(np.asarray(targets, dtype=np.float64))
    log_softmax = z - np.logaddexp.reduce(z, axis=1, keepdims=True)
    w = 1.0 if pos_weight is None else np.asarray(pos_weight, dtype=np.float64)
    return float(np.mean(-(w * y * log_softmax).sum(axis=1)))
