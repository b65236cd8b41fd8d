"""Ignores the base: always returns nats."""
import numpy as np


def entropy_kl(p, q, base=2.0):
    p = np.asarray(p, dtype=float) / np.sum(p)
    q = np.asarray(q, dtype=float) / np.sum(q)
    s = p > 0
    h = -np.sum(p[s] * np.log(p[s]))
    kl = np.inf if np.any(q[s] == 0) else np.sum(p[s] * np.log(p[s] / q[s]))
    return float(h), float(kl)
