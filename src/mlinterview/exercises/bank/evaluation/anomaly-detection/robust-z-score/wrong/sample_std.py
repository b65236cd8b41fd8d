"""Uses the sample standard deviation (ddof=1) for the classical z-score."""
import numpy as np


def outlier_scores(x, threshold=3.5):
    x = np.asarray(x, float)
    std = x.std(ddof=1) if len(x) > 1 else 0.0
    z = np.zeros_like(x) if std == 0 else (x - x.mean()) / std
    dev = x - np.median(x)
    scale = np.median(np.abs(dev)) / 0.6744897501960817
    with np.errstate(divide="ignore", invalid="ignore"):
        r = dev / scale
    r[dev == 0] = 0.0
    return z, r, np.abs(r) > threshold
