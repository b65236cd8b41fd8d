"""Averages recall over every label in y_true or y_pred: a label only predicted gets a
recall of 0 and drags the balanced accuracy down."""
import numpy as np


def imbalance_report(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    n = len(y_true)
    classes = np.union1d(y_true, y_pred)
    recalls = []
    for c in classes:
        mask = y_true == c
        recalls.append((y_pred[mask] == c).mean() if mask.any() else 0.0)
    counts = np.array([(y_true == c).sum() for c in classes])
    return float(counts.max() / n), float((y_pred == y_true).mean()), float(np.mean(recalls))
