"""Macro F1 taken as the harmonic mean of macro precision and macro recall."""
import numpy as np


def precision_recall_f1(y_true, y_pred, average="binary"):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    classes = np.array([1]) if average == "binary" else np.union1d(y_true, y_pred)
    p, r = [], []
    for c in classes:
        tp = np.sum((y_true == c) & (y_pred == c))
        fp = np.sum((y_true != c) & (y_pred == c))
        fn = np.sum((y_true == c) & (y_pred != c))
        p.append(tp / (tp + fp) if tp + fp else 0.0)
        r.append(tp / (tp + fn) if tp + fn else 0.0)
    P, R = float(np.mean(p)), float(np.mean(r))
    return P, R, (2 * P * R / (P + R) if P + R else 0.0)
