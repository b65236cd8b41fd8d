"""Ignores sample_weight: every sample counts once."""
import numpy as np


def roc_auc(y_true, scores, sample_weight=None):
    y = np.asarray(y_true).astype(bool)
    s = np.asarray(scores, float)
    n_pos, n_neg = y.sum(), (~y).sum()
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    distinct, g = np.unique(s, return_inverse=True)
    g = g.reshape(-1)
    pos = np.bincount(g, y.astype(float), len(distinct))
    neg = np.bincount(g, (~y).astype(float), len(distinct))
    return float(np.sum(pos * (np.cumsum(neg) - neg + 0.5 * neg)) / (n_pos * n_neg))
