"""Uses the raw weights without normalising them to probabilities."""
import numpy as np


def entropy_kl(p, q, base=2.0):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    s = p > 0
    h = -np.sum(p[s] * np.log(p[s])) / np.log(base)
    kl = np.inf if np.any(q[s] == 0) else np.sum(p[s] * np.log(p[s] / q[s])) / np.log(base)
    return float(h), float(kl)
