"""Fits θ on the control arm only and centres x per arm: centring each arm on its own
mean throws away exactly the pre-period imbalance CUPED should correct."""
import numpy as np


def cuped_estimate(y, x, treatment):
    y = np.asarray(y, dtype=float)
    x = np.asarray(x, dtype=float)
    treated = np.asarray(treatment).astype(bool)
    xc_ctrl = x[~treated] - x[~treated].mean()
    theta = xc_ctrl @ (y[~treated] - y[~treated].mean()) / (xc_ctrl @ xc_ctrl)
    a = y[treated] - theta * (x[treated] - x[treated].mean())
    b = y[~treated] - theta * xc_ctrl
    return float(a.mean() - b.mean()), float(np.sqrt(a.var(ddof=1) / a.size
                                                      + b.var(ddof=1) / b.size))
