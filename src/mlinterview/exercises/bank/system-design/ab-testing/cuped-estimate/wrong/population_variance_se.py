"""Standard error from np.var's default divisor n: too small, most visibly for small
arms."""
import numpy as np


def cuped_estimate(y, x, treatment):
    y = np.asarray(y, dtype=float)
    x = np.asarray(x, dtype=float)
    treated = np.asarray(treatment).astype(bool)
    xc = x - x.mean()
    theta = xc @ (y - y.mean()) / (xc @ xc)
    adjusted = y - theta * xc
    a, b = adjusted[treated], adjusted[~treated]
    return float(a.mean() - b.mean()), float(np.sqrt(a.var() / a.size + b.var() / b.size))
