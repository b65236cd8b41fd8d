"""Sweeps a fixed grid of thresholds 0.00, 0.01, ..., 1.00 instead of the distinct scores."""
import numpy as np


def max_f1_threshold(y_true, scores):
    y = np.asarray(y_true).astype(bool)
    s = np.asarray(scores, float)
    best_t, best_f1 = np.inf, 0.0
    for t in np.linspace(1, 0, 101):
        p = s >= t
        tp, fp, fn = np.sum(p & y), np.sum(p & ~y), np.sum(~p & y)
        den = 2 * tp + fp + fn
        f1 = 2 * tp / den if den else 0.0
        if f1 > best_f1:
            best_t, best_f1 = t, f1
    return float(best_t), float(best_f1)
