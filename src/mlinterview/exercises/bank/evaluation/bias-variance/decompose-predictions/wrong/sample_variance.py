"""Takes the sample variance over the models (ddof=1, divides by R - 1 instead of R)."""
import numpy as np


def bias_variance_noise(predictions, f_true, y_test):
    P = np.asarray(predictions, dtype=float)
    f = np.asarray(f_true, dtype=float)
    y = np.asarray(y_test, dtype=float)
    average = P.mean(axis=0)
    bias2 = np.mean((average - f) ** 2)
    R = P.shape[0]
    variance = np.mean(np.sum((P - average) ** 2, axis=0) / max(R - 1, 1))
    noise = np.mean((y - f) ** 2)
    return float(bias2), float(variance), float(noise)
