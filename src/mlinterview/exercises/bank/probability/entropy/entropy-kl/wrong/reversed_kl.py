"""Computes KL(q || p) instead of KL(p || q): KL is not symmetric."""
import numpy as np


def entropy_kl(p, q, base=2.0):
    p = np.asarray(p, dtype=float) / np.sum(p)
    q = np.asarray(q, dtype=float) / np.sum(q)
    ps = p[p > 0]
    h = -np.sum(ps * np.log(ps)) / np.log(base)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(q > 0, q * np.log(q / p), 0.0)
    return float(h), float(np.sum(terms) / np.log(base))
