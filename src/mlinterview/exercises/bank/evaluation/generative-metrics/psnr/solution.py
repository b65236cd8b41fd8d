import numpy as np


def psnr(image_true, image_test, data_range):
    """Peak signal-to-noise ratio in dB: 10 log10(data_range^2 / MSE)."""
    # Float first: uint8 subtraction would wrap around.
    a = np.asarray(image_true, dtype=np.float64)
    b = np.asarray(image_test, dtype=np.float64)
    mse = np.mean((a - b) ** 2)
    if mse == 0:
        return float("inf")
    return float(10.0 * np.log10(data_range ** 2 / mse))
