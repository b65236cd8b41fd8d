import numpy as np


def adaboost_step(sample_weight, y_true, y_pred, n_classes, learning_rate=1.0):
    """One SAMME round (see the statement): (err, alpha, new_weight)."""
    w = np.asarray(sample_weight, dtype=float)
    wrong = np.asarray(y_true) != np.asarray(y_pred)
    err = float(w[wrong].sum())
    alpha = learning_rate * (np.log((1 - err) / err) + np.log(n_classes - 1))
    new = w * np.exp(alpha * wrong)             # only the mistakes grow
    return err, float(alpha), new / new.sum()
