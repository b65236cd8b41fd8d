"""Divides the difference of means by the variance of the difference (s_a²/n_a +
s_b²/n_b) instead of its square root, the standard error."""
import numpy as np


def welch_t(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    va, vb = a.var(ddof=1) / a.size, b.var(ddof=1) / b.size
    df = (va + vb) ** 2 / (va**2 / (a.size - 1) + vb**2 / (b.size - 1))
    return float((a.mean() - b.mean()) / (va + vb)), float(df)
