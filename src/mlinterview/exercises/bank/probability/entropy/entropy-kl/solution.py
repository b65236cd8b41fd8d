import numpy as np


def entropy_kl(p, q, base=2.0):
    """Entropy of p and KL(p || q) in the given log base, with 0 log 0 = 0."""
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    p = p / p.sum()
    q = q / q.sum()
    support = p > 0                       # outcomes with p = 0 contribute nothing
    ps, qs = p[support], q[support]
    h = -np.sum(ps * np.log(ps))
    if np.any(qs == 0):                   # q rules out something p produces
        kl = np.inf
    else:
        kl = np.sum(ps * np.log(ps / qs))
    return float(h / np.log(base)), float(kl / np.log(base))
