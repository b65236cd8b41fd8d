"""Computes one SSIM from the statistics of the whole image instead of averaging local
windows."""
import numpy as np


def ssim(img1, img2, data_range, win_size=7):
    x, y = np.asarray(img1, float), np.asarray(img2, float)
    mx, my = x.mean(), y.mean()
    vx, vy = x.var(ddof=1), y.var(ddof=1)
    cxy = np.sum((x - mx) * (y - my)) / (x.size - 1)
    c1, c2 = (0.01 * data_range) ** 2, (0.03 * data_range) ** 2
    return float((2 * mx * my + c1) * (2 * cxy + c2) / ((mx**2 + my**2 + c1) * (vx + vy + c2)))
