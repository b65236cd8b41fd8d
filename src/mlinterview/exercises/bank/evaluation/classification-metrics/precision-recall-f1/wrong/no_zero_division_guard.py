"""Divides without guarding 0/0, so a class never predicted gives NaN."""
import numpy as np


def precision_recall_f1(y_true, y_pred, average="binary"):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    classes = np.array([1]) if average == "binary" else np.union1d(y_true, y_pred)
    is_true = y_true[:, None] == classes
    is_pred = y_pred[:, None] == classes
    tp = (is_true & is_pred).sum(0)
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = tp / is_pred.sum(0)
        recall = tp / is_true.sum(0)
        f1 = 2 * precision * recall / (precision + recall)
    return float(precision.mean()), float(recall.mean()), float(f1.mean())
