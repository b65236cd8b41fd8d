"""Records the predicted belief (before each update) instead of the updated one."""
import numpy as np


def kalman_1d(zs, q, r, x0, p0):
    x, p, ms, vs = float(x0), float(p0), [], []
    for z in zs:
        p = p + q
        ms.append(x)
        vs.append(p)
        k = p / (p + r)
        x, p = x + k * (z - x), (1 - k) * p
    return np.array(ms), np.array(vs)
