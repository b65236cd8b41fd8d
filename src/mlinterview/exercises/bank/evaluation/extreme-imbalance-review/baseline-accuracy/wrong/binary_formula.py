"""Uses the binary formula (TPR + TNR) / 2 with class 1 as positive and every other label
negative: wrong as soon as there are more than two classes (or no class 1)."""
import numpy as np


def imbalance_report(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    n = len(y_true)
    pos, pred_pos = y_true == 1, y_pred == 1
    tpr = (pos & pred_pos).sum() / pos.sum() if pos.any() else 0.0
    tnr = (~pos & ~pred_pos).sum() / (~pos).sum() if (~pos).any() else 0.0
    _, counts = np.unique(y_true, return_counts=True)
    return float(counts.max() / n), float((y_pred == y_true).mean()), float((tpr + tnr) / 2)
