"""Normalises the Hamming count by samples x the largest label set in the batch."""
import numpy as np


def hamming_jaccard(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=bool)
    y_pred = np.asarray(y_pred, dtype=bool)
    max_labels = max(int(y_true.sum(axis=1).max()), 1)
    hamming = float((y_true != y_pred).sum() / (len(y_true) * max_labels))
    inter = (y_true & y_pred).sum(axis=1)
    union = (y_true | y_pred).sum(axis=1)
    per_sample = np.divide(inter, union, out=np.ones(len(union)), where=union > 0)
    return hamming, float(per_sample.mean())
