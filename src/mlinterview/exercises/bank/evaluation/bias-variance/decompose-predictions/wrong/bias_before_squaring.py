"""Averages the errors of the average model before squaring them: opposite biases cancel."""
import numpy as np


def bias_variance_noise(predictions, f_true, y_test):
    P = np.asarray(predictions, dtype=float)
    f = np.asarray(f_true, dtype=float)
    y = np.asarray(y_test, dtype=float)
    average = P.mean(axis=0)
    bias2 = np.mean(average - f) ** 2
    variance = np.mean((P - average) ** 2)
    noise = np.mean((y - f) ** 2)
    return float(bias2), float(variance), float(noise)
