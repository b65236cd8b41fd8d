"""Forgets to divide the new weights by their sum."""
import numpy as np


def adaboost_step(sample_weight, y_true, y_pred, n_classes, learning_rate=1.0):
    w = np.asarray(sample_weight, dtype=float)
    wrong = np.asarray(y_true) != np.asarray(y_pred)
    err = float(w[wrong].sum())
    alpha = learning_rate * (np.log((1 - err) / err) + np.log(n_classes - 1))
    return err, float(alpha), w * np.exp(alpha * wrong)
