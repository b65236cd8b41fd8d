"""Averages the four edge neighbours only (1/4 each), not the 8-neighbour kernel."""
import numpy as np


def horn_schunck(image0, image1, alpha, n_iter):
    I0, I1 = np.asarray(image0, dtype=float), np.asarray(image1, dtype=float)
    Ir, Ic = np.gradient((I0 + I1) / 2)
    It = I1 - I0
    u, v = np.zeros_like(I0), np.zeros_like(I0)

    def avg(x):
        p = np.pad(x, 1, mode="edge")
        return (p[:-2, 1:-1] + p[2:, 1:-1] + p[1:-1, :-2] + p[1:-1, 2:]) / 4

    for _ in range(n_iter):
        ub, vb = avg(u), avg(v)
        common = (Ir * ub + Ic * vb + It) / (alpha**2 + Ir**2 + Ic**2)
        u, v = ub - Ir * common, vb - Ic * common
    return np.stack([u, v])
