"""Maps labels to positions with np.searchsorted but never checks that the label was
found: an unlisted label is counted in a neighbour's row or column."""
import numpy as np


def confusion_matrix(y_true, y_pred, labels=None):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    labels = np.union1d(y_true, y_pred) if labels is None else np.asarray(labels)
    K = len(labels)
    order = np.argsort(labels)
    row = order[np.clip(np.searchsorted(labels[order], y_true), 0, K - 1)]
    col = order[np.clip(np.searchsorted(labels[order], y_pred), 0, K - 1)]
    return np.bincount(row * K + col, minlength=K * K).reshape(K, K)
