"""The right EM updates, stopped after 5 iterations: not converged."""
import numpy as np


def fit_delayed_feedback(elapsed, converted, delay):
    elapsed = np.asarray(elapsed, dtype=float)
    arrived = np.asarray(converted).astype(bool)
    d = np.asarray(delay, dtype=float)[arrived]
    e = elapsed[~arrived]
    n, m = len(elapsed), len(d)
    p, lam = m / n, m / d.sum()
    for _ in range(5):
        later = p * np.exp(-lam * e)
        w = later / (1 - p + later)
        p, lam = (m + w.sum()) / n, m / (d.sum() + w @ e)
    return float(p), float(1 / lam)
