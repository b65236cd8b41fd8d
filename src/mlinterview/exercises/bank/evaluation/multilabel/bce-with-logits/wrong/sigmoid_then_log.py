"""Computes sigmoid first and then its log: σ rounds to exactly 0 or 1 for large logits,
so the loss becomes inf (or nan)."""
import numpy as np


def bce_with_logits(logits, targets, pos_weight=None):
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(targets, dtype=np.float64)
    with np.errstate(all="ignore"):
        p = 1.0 / (1.0 + np.exp(-z))
        w = 1.0 if pos_weight is None else np.asarray(pos_weight, dtype=np.float64)
        return float(np.mean(-(w * y * np.log(p) + (1.0 - y) * np.log(1.0 - p))))
