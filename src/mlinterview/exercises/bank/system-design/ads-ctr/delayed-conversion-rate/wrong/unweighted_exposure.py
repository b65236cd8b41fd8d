"""Adds the full waiting time of every waiting click to the exposure, unweighted: clicks
that will never convert were not waiting for a conversion (mean delay too long)."""
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
        lam_new = m / (d.sum() + e.sum())
        done = abs(p_new - p) <= 1e-12 * p and abs(lam_new - lam) <= 1e-12 * lam
        p, lam = p_new, lam_new
        if done:
            break
    return float(p), float(1 / lam)
