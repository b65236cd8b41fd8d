"""Never adds the process noise q: the variance shrinks to 0 and the filter stops moving."""
import numpy as np


def kalman_1d(zs, q, r, x0, p0):
    x, p, ms, vs = float(x0), float(p0), [], []
    for z in zs:
        k = p / (p + r)
        x, p = x + k * (z - x), (1 - k) * p
        ms.append(x)
        vs.append(p)
    return np.array(ms), np.array(vs)
