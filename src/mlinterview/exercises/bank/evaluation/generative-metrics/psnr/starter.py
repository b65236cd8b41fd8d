import numpy as np


def psnr(image_true, image_test, data_range):
    """Peak signal-to-noise ratio in dB: 10 log10(data_range^2 / MSE).

    Parameters
    ----------
    image_true, image_test : array-like of the same shape (any dimensions, maybe uint8)
    data_range : float, the peak-to-peak range of the pixel type (255 for 8-bit)

    Returns
    -------
    float; inf when the images are identical.
    """
    raise NotImplementedError("mean squared error in float, then the log ratio")
