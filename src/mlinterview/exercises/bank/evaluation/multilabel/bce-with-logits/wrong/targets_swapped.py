"""Pairs the target with log(1 - σ) and its complement with log σ (the two terms swapped)."""
import numpy as np


def bce_with_logits(logits, targets, pos_weight=None):
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(targets, dtype=np.float64)
    w = 1.0 if pos_weight is None else np.asarray(pos_weight, dtype=np.float64)
    return float(np.mean(-(w * y * -np.logaddexp(0.0, z) + (1.0 - y) * -np.logaddexp(0.0, -z))))
