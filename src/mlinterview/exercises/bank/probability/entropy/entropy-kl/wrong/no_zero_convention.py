"""Takes log(0) literally: a zero probability gives 0 * -inf = NaN."""
import numpy as np


def entropy_kl(p, q, base=2.0):
    p = np.asarray(p, dtype=float) / np.sum(p)
    q = np.asarray(q, dtype=float) / np.sum(q)
    with np.errstate(divide="ignore", invalid="ignore"):
        h = -np.sum(p * np.log(p)) / np.log(base)
        kl = np.sum(p * np.log(p / q)) / np.log(base)
    return float(h), float(kl)
