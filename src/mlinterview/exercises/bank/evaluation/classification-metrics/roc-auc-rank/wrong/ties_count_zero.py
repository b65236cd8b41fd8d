"""Counts a tied (positive, negative) pair as a loss instead of one half."""
import numpy as np


def roc_auc(y_true, scores, sample_weight=None):
    y = np.asarray(y_true).astype(bool)
    s = np.asarray(scores, float)
    w = np.ones(len(s)) if sample_weight is None else np.asarray(sample_weight, float)
    wp, wn = np.where(y, w, 0.0), np.where(y, 0.0, w)
    if wp.sum() == 0 or wn.sum() == 0:
        return float("nan")
    distinct, g = np.unique(s, return_inverse=True)
    g = g.reshape(-1)
    pos = np.bincount(g, wp, len(distinct))
    neg = np.bincount(g, wn, len(distinct))
    return float(np.sum(pos * (np.cumsum(neg) - neg)) / (wp.sum() * wn.sum()))
