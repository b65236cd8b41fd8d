import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def ssim(img1, img2, data_range, win_size=7):
    """Mean SSIM of two grayscale images over all fully-inside win_size x win_size windows."""
    x = np.asarray(img1, dtype=np.float64)        # float first: uint8 products overflow
    y = np.asarray(img2, dtype=np.float64)
    n = win_size * win_size

    def window_mean(z):
        """Mean of every fully-inside window: shape (H - w + 1, W - w + 1)."""
        return sliding_window_view(z, (win_size, win_size)).mean(axis=(-2, -1))

    mx, my = window_mean(x), window_mean(y)
    # Second moments per window, turned into SAMPLE (co)variances: E[xy] - E[x]E[y] is the
    # population covariance; n / (n - 1) makes it the N - 1 version.
    correction = n / (n - 1)
    vx = (window_mean(x * x) - mx * mx) * correction
    vy = (window_mean(y * y) - my * my) * correction
    cxy = (window_mean(x * y) - mx * my) * correction

    c1 = (0.01 * data_range) ** 2
    c2 = (0.03 * data_range) ** 2
    luminance_num = 2 * mx * my + c1
    structure_num = 2 * cxy + c2
    luminance_den = mx * mx + my * my + c1
    contrast_den = vx + vy + c2
    ssim_map = (luminance_num * structure_num) / (luminance_den * contrast_den)
    return float(ssim_map.mean())
