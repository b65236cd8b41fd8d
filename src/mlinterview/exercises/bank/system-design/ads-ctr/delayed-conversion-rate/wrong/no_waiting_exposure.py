"""EM for p, but the rate of the delay ignores the time the converting-to-be clicks have
already waited: lambda = conversions / sum of observed delays."""
import numpy as np


def fit_delayed_feedback(elapsed, converted, delay):
    elapsed = np.asarray(elapsed, dtype=float)
    arrived = np.asarray(converted).astype(bool)
    d = np.asarray(delay, dtype=float)[arrived]
    e = elapsed[~arrived]
    n, m = len(elapsed), len(d)
    p, lam = m / n, m / d.sum()
    for _ in range(100_000):
        later = p * np.exp(-lam * e)
        w = later / (1 - p + later)
        p_new = (m + w.sum()) / n
        if abs(p_new - p) <= 1e-12 * p:
            p = p_new
            break
        p = p_new
    return float(p), float(1 / lam)
