import numpy as np


def ssim(img1, img2, data_range, win_size=7):
    """Mean SSIM of two grayscale images over all fully-inside win_size x win_size windows.

    Parameters
    ----------
    img1, img2 : array-like of shape (H, W), H and W >= win_size (float or uint8)
    data_range : float, the span of possible pixel values (1.0 or 255)
    win_size : odd int >= 3

    Returns
    -------
    float : mean over windows of (2 μx μy + C1)(2 σxy + C2) / ((μx² + μy² + C1)(σx² + σy² + C2)),
        sample (co)variances (N - 1), C1 = (0.01 L)², C2 = (0.03 L)².
    """
    raise NotImplementedError("window means, variances and covariance, then the formula")
