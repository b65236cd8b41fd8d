"""Treats t as the camera centre: R (X - t) instead of R X + t."""
import numpy as np


def project_points(K, R, t, X):
    K, R, t = np.asarray(K, float), np.asarray(R, float), np.asarray(t, float)
    Xc = (np.asarray(X, float).reshape(-1, 3) - t) @ R.T
    depth = Xc[:, 2]
    with np.errstate(divide="ignore", invalid="ignore"):
        h = (Xc / depth[:, None]) @ K.T
    pixels = np.where((depth > 0)[:, None], h[:, :2], np.nan)
    return pixels, depth
