import numpy as np


def fit_delayed_feedback(elapsed, converted, delay):
    """(p, mu) maximising Π p λ e^{-λ d} (arrived) × Π (1 − p + p e^{-λ e}) (waiting)."""
    elapsed = np.asarray(elapsed, dtype=float)
    arrived = np.asarray(converted).astype(bool)
    d = np.asarray(delay, dtype=float)[arrived]
    e = elapsed[~arrived]                       # clicks still waiting
    n, m = len(elapsed), len(d)
    p, lam = m / n, m / d.sum()                 # naive start: biased, but a start
    for _ in range(100_000):
        later = p * np.exp(-lam * e)
        w = later / (1.0 - p + later)           # E step: P(will convert | nothing yet)
        p_new = (m + w.sum()) / n               # M step: expected converters / clicks
        lam_new = m / (d.sum() + w @ e)         # events / expected waiting time
        done = abs(p_new - p) <= 1e-12 * p and abs(lam_new - lam) <= 1e-12 * lam
        p, lam = p_new, lam_new
        if done:
            break
    return float(p), float(1.0 / lam)
