"""Divides every point by its depth: points behind the camera appear mirrored."""
import numpy as np


def project_points(K, R, t, X):
    K, R, t = np.asarray(K, float), np.asarray(R, float), np.asarray(t, float)
    Xc = np.asarray(X, float).reshape(-1, 3) @ R.T + t
    depth = Xc[:, 2]
    with np.errstate(divide="ignore", invalid="ignore"):
        h = (Xc / depth[:, None]) @ K.T
    return h[:, :2], depth
