"""Pools intersections and unions over all samples (micro Jaccard), not a per-sample mean."""
import numpy as np


def hamming_jaccard(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=bool)
    y_pred = np.asarray(y_pred, dtype=bool)
    hamming = float((y_true != y_pred).mean())
    union = (y_true | y_pred).sum()
    jaccard = (y_true & y_pred).sum() / union if union else 1.0
    return hamming, float(jaccard)
