"""Puts the root mean squared error where the MSE belongs (20 log10 of the peak over RMSE
would be right; 10 log10 of peak^2 over RMSE is not)."""
import numpy as np


def psnr(image_true, image_test, data_range):
    a = np.asarray(image_true, dtype=np.float64)
    b = np.asarray(image_test, dtype=np.float64)
    rmse = np.sqrt(np.mean((a - b) ** 2))
    if rmse == 0:
        return float("inf")
    return float(10.0 * np.log10(data_range ** 2 / rmse))
