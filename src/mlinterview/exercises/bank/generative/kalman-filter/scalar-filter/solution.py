import numpy as np


def kalman_1d(zs, q, r, x0, p0):
    """Beliefs N(means[k], variances[k]) after each measurement, shapes (T,)."""
    zs = np.asarray(zs, dtype=float)
    means = np.empty(len(zs))
    variances = np.empty(len(zs))
    x, p = float(x0), float(p0)
    for k, z in enumerate(zs):              # time is sequential: one step at a time
        p = p + q                           # predict: the state may have drifted
        gain = p / (p + r)                  # trust in the sensor, between 0 and 1
        x = x + gain * (z - x)              # move towards the measurement
        p = (1.0 - gain) * p                # and become more certain
        means[k], variances[k] = x, p
    return means, variances
