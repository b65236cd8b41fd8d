"""Swaps the denominators: precision divided by TP + FN (the actual positives)."""
import numpy as np


def precision_recall_f1(y_true, y_pred, average="binary"):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    classes = np.array([1]) if average == "binary" else np.union1d(y_true, y_pred)
    p, r, f = [], [], []
    for c in classes:
        tp = np.sum((y_true == c) & (y_pred == c))
        fp = np.sum((y_true != c) & (y_pred == c))
        fn = np.sum((y_true == c) & (y_pred != c))
        p.append(tp / (tp + fn) if tp + fn else 0.0)
        r.append(tp / (tp + fp) if tp + fp else 0.0)
        f.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    return float(np.mean(p)), float(np.mean(r)), float(np.mean(f))
