"""Subtracts uint8 images directly, so negative differences wrap around to large values."""
import numpy as np


def psnr(image_true, image_test, data_range):
    a, b = np.asarray(image_true), np.asarray(image_test)
    mse = np.mean((a - b).astype(np.float64) ** 2)
    if mse == 0:
        return float("inf")
    return float(10.0 * np.log10(data_range ** 2 / mse))
