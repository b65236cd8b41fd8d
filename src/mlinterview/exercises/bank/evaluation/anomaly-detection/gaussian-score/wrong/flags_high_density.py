"""Flags rows whose density is above the threshold: the normal ones."""
import numpy as np


def gaussian_anomaly(X_train, X_test, log_epsilon):
    X_train = np.asarray(X_train, dtype=np.float64)
    X_test = np.asarray(X_test, dtype=np.float64)
    mu = X_train.mean(axis=0)
    var = ((X_train - mu) ** 2).mean(axis=0) + 1e-6
    log_p = (-0.5 * np.log(2 * np.pi * var) - (X_test - mu) ** 2 / (2 * var)).sum(axis=1)
    return log_p, log_p > log_epsilon
