"""Takes the variance of each model's predictions across the test points (axis 1), not
the spread of the models at each point."""
import numpy as np


def bias_variance_noise(predictions, f_true, y_test):
    P = np.asarray(predictions, dtype=float)
    f = np.asarray(f_true, dtype=float)
    y = np.asarray(y_test, dtype=float)
    average = P.mean(axis=0)
    bias2 = np.mean((average - f) ** 2)
    variance = np.mean(P.var(axis=1))
    noise = np.mean((y - f) ** 2)
    return float(bias2), float(variance), float(noise)
