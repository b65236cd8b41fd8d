"""Uses the two-class vote log((1 - err) / err) for every K (drops log(K - 1))."""
import numpy as np


def adaboost_step(sample_weight, y_true, y_pred, n_classes, learning_rate=1.0):
    w = np.asarray(sample_weight, dtype=float)
    wrong = np.asarray(y_true) != np.asarray(y_pred)
    err = float(w[wrong].sum())
    alpha = learning_rate * np.log((1 - err) / err)
    new = w * np.exp(alpha * wrong)
    return err, float(alpha), new / new.sum()
