"""Sums the loss over the labels and averages over samples only, so the value grows with
the number of labels instead of being the mean over samples x labels."""
import numpy as np


def bce_with_logits(logits, targets, pos_weight=None):
    z = np.atleast_2d(np.asarray(logits, dtype=np.float64))
    y = np.atleast_2d(np.asarray(targets, dtype=np.float64))
    w = 1.0 if pos_weight is None else np.asarray(pos_weight, dtype=np.float64)
    cell = -(w * y * -np.logaddexp(0.0, -z) + (1.0 - y) * -np.logaddexp(0.0, z))
    return float(cell.sum(axis=1).mean())
