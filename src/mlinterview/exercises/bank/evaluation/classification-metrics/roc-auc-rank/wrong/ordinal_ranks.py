"""Uses the rank-sum formula U = R+ - n+(n+ + 1)/2 with ORDINAL ranks from a double argsort:
tied scores get different ranks (by position) instead of their average rank. (Weights are
rounded and applied by repeating samples, which is right for integer weights.)"""
import numpy as np


def roc_auc(y_true, scores, sample_weight=None):
    y = np.asarray(y_true).astype(bool)
    s = np.asarray(scores, float)
    if sample_weight is not None:
        reps = np.round(np.asarray(sample_weight, float)).astype(int)
        y, s = np.repeat(y, reps), np.repeat(s, reps)
    n_pos, n_neg = y.sum(), (~y).sum()
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    ranks = np.argsort(np.argsort(s, kind="stable"), kind="stable") + 1
    u = ranks[y].sum() - n_pos * (n_pos + 1) / 2
    return float(u / (n_pos * n_neg))
