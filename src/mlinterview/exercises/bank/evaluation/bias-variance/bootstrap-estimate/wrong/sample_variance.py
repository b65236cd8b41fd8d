"""Divides the spread of the rounds by num_rounds - 1 (ddof=1), so the loss is no longer
bias² + variance of the rounds' predictions."""
import numpy as np


def bootstrap_bias_variance(x_train, y_train, x_test, y_test, degree, num_rounds, seed):
    x_train, y_train = np.asarray(x_train, float), np.asarray(y_train, float)
    x_test, y_test = np.asarray(x_test, float), np.asarray(y_test, float)
    n = len(x_train)
    A_train = np.vander(x_train, degree + 1, increasing=True)
    A_test = np.vander(x_test, degree + 1, increasing=True)
    rng = np.random.RandomState(seed)
    predictions = []
    for _ in range(num_rounds):
        rows = rng.choice(n, size=n, replace=True)
        coef, *_ = np.linalg.lstsq(A_train[rows], y_train[rows], rcond=None)
        predictions.append(A_test @ coef)
    predictions = np.array(predictions)
    average = predictions.mean(axis=0)
    bias2 = np.mean((average - y_test) ** 2)
    variance = np.mean(predictions.var(axis=0, ddof=1)) if num_rounds > 1 else 0.0
    return float(bias2 + variance), float(bias2), float(variance)
