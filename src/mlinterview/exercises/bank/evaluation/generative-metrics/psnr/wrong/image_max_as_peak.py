"""Uses the largest value of the reference image as the peak instead of data_range."""
import numpy as np


def psnr(image_true, image_test, data_range):
    a = np.asarray(image_true, dtype=np.float64)
    b = np.asarray(image_test, dtype=np.float64)
    mse = np.mean((a - b) ** 2)
    if mse == 0:
        return float("inf")
    return float(10.0 * np.log10(a.max() ** 2 / mse))
