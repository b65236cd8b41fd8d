"""Fits b1·x + ... + b_d·x^d without the constant column: every fit passes through 0
(and degree 0 predicts 0)."""
import numpy as np


def bootstrap_bias_variance(x_train, y_train, x_test, y_test, degree, num_rounds, seed):
    x_train, y_train = np.asarray(x_train, float), np.asarray(y_train, float)
    x_test, y_test = np.asarray(x_test, float), np.asarray(y_test, float)
    n = len(x_train)
    powers = np.arange(1, degree + 1)
    A_train = x_train[:, None] ** powers
    A_test = x_test[:, None] ** powers
    rng = np.random.RandomState(seed)
    predictions = []
    for _ in range(num_rounds):
        rows = rng.choice(n, size=n, replace=True)
        if degree == 0:
            predictions.append(np.zeros(len(x_test)))
            continue
        coef, *_ = np.linalg.lstsq(A_train[rows], y_train[rows], rcond=None)
        predictions.append(A_test @ coef)
    predictions = np.array(predictions)
    average = predictions.mean(axis=0)
    bias2 = np.mean((average - y_test) ** 2)
    variance = np.mean((predictions - average) ** 2)
    return float(bias2 + variance), float(bias2), float(variance)
