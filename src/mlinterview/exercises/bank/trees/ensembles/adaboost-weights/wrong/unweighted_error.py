"""Counts the share of misclassified samples, ignoring their weights."""
import numpy as np


def adaboost_step(sample_weight, y_true, y_pred, n_classes, learning_rate=1.0):
    w = np.asarray(sample_weight, dtype=float)
    wrong = np.asarray(y_true) != np.asarray(y_pred)
    err = float(wrong.mean())
    alpha = learning_rate * (np.log((1 - err) / err) + np.log(n_classes - 1))
    new = w * np.exp(alpha * wrong)
    return err, float(alpha), new / new.sum()
