"""Takes the natural logarithm instead of log10, so the result is not in decibels."""
import numpy as np


def psnr(image_true, image_test, data_range):
    a = np.asarray(image_true, dtype=np.float64)
    b = np.asarray(image_test, dtype=np.float64)
    mse = np.mean((a - b) ** 2)
    if mse == 0:
        return float("inf")
    return float(10.0 * np.log(data_range ** 2 / mse))
