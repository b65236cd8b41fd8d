"""Picks the threshold of best accuracy (and reports that threshold's F1): under
imbalance accuracy prefers predicting few positives."""
import numpy as np


def max_f1_threshold(y_true, scores):
    y = np.asarray(y_true).astype(bool)
    s = np.asarray(scores, float)
    best_t, best_acc = np.inf, np.mean(~y)
    for t in np.unique(s)[::-1]:
        acc = np.mean((s >= t) == y)
        if acc > best_acc:
            best_t, best_acc = t, acc
    p = s >= best_t
    tp, fp, fn = np.sum(p & y), np.sum(p & ~y), np.sum(~p & y)
    den = 2 * tp + fp + fn
    return float(best_t), float(2 * tp / den if den else 0.0)
