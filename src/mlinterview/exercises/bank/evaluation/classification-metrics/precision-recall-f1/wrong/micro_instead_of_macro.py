"""Pools TP, FP and FN over classes (micro averaging) when asked for macro."""
import numpy as np


def precision_recall_f1(y_true, y_pred, average="binary"):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    classes = np.array([1]) if average == "binary" else np.union1d(y_true, y_pred)
    is_true = y_true[:, None] == classes
    is_pred = y_pred[:, None] == classes
    tp = (is_true & is_pred).sum()
    fp = (~is_true & is_pred).sum()
    fn = (is_true & ~is_pred).sum()
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    return float(p), float(r), float(f)
