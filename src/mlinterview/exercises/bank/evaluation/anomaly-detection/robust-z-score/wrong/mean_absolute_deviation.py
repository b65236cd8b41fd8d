"""Uses the mean absolute deviation around the MEAN as the robust scale and centre: one
outlier moves both, so the score is not robust."""
import numpy as np


def outlier_scores(x, threshold=3.5):
    x = np.asarray(x, float)
    std = x.std()
    z = np.zeros_like(x) if std == 0 else (x - x.mean()) / std
    dev = x - x.mean()
    scale = np.mean(np.abs(dev)) / 0.6744897501960817
    with np.errstate(divide="ignore", invalid="ignore"):
        r = dev / scale
    r[dev == 0] = 0.0
    return z, r, np.abs(r) > threshold
