"""Scales by the focal lengths but forgets the principal point (c_x, c_y) and the skew."""
import numpy as np


def project_points(K, R, t, X):
    K, R, t = np.asarray(K, float), np.asarray(R, float), np.asarray(t, float)
    Xc = np.asarray(X, float).reshape(-1, 3) @ R.T + t
    depth = Xc[:, 2]
    with np.errstate(divide="ignore", invalid="ignore"):
        uv = Xc[:, :2] / depth[:, None] * [K[0, 0], K[1, 1]]
    pixels = np.where((depth > 0)[:, None], uv, np.nan)
    return pixels, depth
