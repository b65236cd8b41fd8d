"""Uses the gain r / (p + r): trusts the sensor most when it is noisiest."""
import numpy as np


def kalman_1d(zs, q, r, x0, p0):
    x, p, ms, vs = float(x0), float(p0), [], []
    for z in zs:
        p = p + q
        k = r / (p + r)
        x, p = x + k * (z - x), (1 - k) * p
        ms.append(x)
        vs.append(p)
    return np.array(ms), np.array(vs)
