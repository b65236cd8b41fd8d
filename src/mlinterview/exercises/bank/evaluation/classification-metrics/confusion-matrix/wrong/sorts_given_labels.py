"""Sorts a given `labels` list instead of keeping its order."""
import numpy as np


def confusion_matrix(y_true, y_pred, labels=None):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    labels = np.union1d(y_true, y_pred) if labels is None else np.sort(np.asarray(labels))
    index = {label: i for i, label in enumerate(labels.tolist())}
    C = np.zeros((len(labels), len(labels)), dtype=int)
    for t, p in zip(y_true.tolist(), y_pred.tolist(), strict=True):
        if t in index and p in index:
            C[index[t], index[p]] += 1
    return C
