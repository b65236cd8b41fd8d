"""Divides the squared terms of the Satterthwaite denominator by n instead of n - 1, so
the degrees of freedom come out too large."""
import numpy as np


def welch_t(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    va, vb = a.var(ddof=1) / a.size, b.var(ddof=1) / b.size
    t = (a.mean() - b.mean()) / np.sqrt(va + vb)
    df = (va + vb) ** 2 / (va**2 / a.size + vb**2 / b.size)
    return float(t), float(df)
