import numpy as np


def project_points(K, R, t, X):
    """Pixels (n, 2), NaN behind the camera, and depths (n,)."""
    K = np.asarray(K, dtype=float)
    R = np.asarray(R, dtype=float)
    t = np.asarray(t, dtype=float)
    X = np.asarray(X, dtype=float).reshape(-1, 3)
    Xc = X @ R.T + t                       # R x + t for every row x
    depth = Xc[:, 2]
    pixels = np.full((len(X), 2), np.nan)
    front = depth > 0                      # only these have an image
    normalised = Xc[front, :2] / depth[front, None]
    homogeneous = np.column_stack([normalised, np.ones(int(front.sum()))])
    pixels[front] = (homogeneous @ K.T)[:, :2]
    return pixels, depth
