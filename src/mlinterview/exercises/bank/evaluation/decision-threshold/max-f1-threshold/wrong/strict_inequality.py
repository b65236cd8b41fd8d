"""Predicts positive when score > threshold: the sample at the threshold is left out."""
import numpy as np


def max_f1_threshold(y_true, scores):
    y = np.asarray(y_true).astype(bool)
    s = np.asarray(scores, float)
    best_t, best_f1 = np.inf, 0.0
    for t in np.unique(s)[::-1]:
        p = s > t
        tp, fp, fn = np.sum(p & y), np.sum(p & ~y), np.sum(~p & y)
        den = 2 * tp + fp + fn
        f1 = 2 * tp / den if den else 0.0
        if f1 > best_f1:
            best_t, best_f1 = t, f1
    return float(best_t), float(best_f1)
