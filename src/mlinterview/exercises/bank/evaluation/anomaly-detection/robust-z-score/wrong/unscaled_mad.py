"""Divides by the raw MAD, forgetting the 0.6745 factor that makes it estimate sigma."""
import numpy as np


def outlier_scores(x, threshold=3.5):
    x = np.asarray(x, float)
    std = x.std()
    z = np.zeros_like(x) if std == 0 else (x - x.mean()) / std
    dev = x - np.median(x)
    mad = np.median(np.abs(dev))
    with np.errstate(divide="ignore", invalid="ignore"):
        r = dev / mad
    r[dev == 0] = 0.0
    return z, r, np.abs(r) > threshold
