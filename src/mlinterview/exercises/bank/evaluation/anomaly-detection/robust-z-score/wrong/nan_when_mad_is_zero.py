"""Divides by MAD without handling MAD = 0: values at the median get 0/0 = NaN instead of
0 (and a constant input gives NaN z-scores too)."""
import numpy as np


def outlier_scores(x, threshold=3.5):
    x = np.asarray(x, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (x - x.mean()) / x.std()
        dev = x - np.median(x)
        r = dev / (np.median(np.abs(dev)) / 0.6744897501960817)
    return z, r, np.abs(r) > threshold
