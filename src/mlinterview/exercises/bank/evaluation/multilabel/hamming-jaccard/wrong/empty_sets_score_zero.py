"""Scores a sample with empty true and predicted sets as 0 instead of a perfect 1."""
import numpy as np


def hamming_jaccard(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=bool)
    y_pred = np.asarray(y_pred, dtype=bool)
    hamming = float((y_true != y_pred).mean())
    inter = (y_true & y_pred).sum(axis=1)
    union = (y_true | y_pred).sum(axis=1)
    per_sample = np.divide(inter, union, out=np.zeros(len(union)), where=union > 0)
    return hamming, float(per_sample.mean())
