"""Updates first and predicts after: the first measurement meets x0 without the drift."""
import numpy as np


def kalman_1d(zs, q, r, x0, p0):
    x, p, ms, vs = float(x0), float(p0), [], []
    for z in zs:
        k = p / (p + r)
        x, p = x + k * (z - x), (1 - k) * p
        ms.append(x)
        vs.append(p)
        p = p + q
    return np.array(ms), np.array(vs)
