import numpy as np


def cuped_estimate(y, x, treatment):
    """CUPED-adjusted difference of means (treated - control) and its standard error."""
    y = np.asarray(y, dtype=float)
    x = np.asarray(x, dtype=float)
    treated = np.asarray(treatment).astype(bool)
    xc = x - x.mean()
    # θ = cov(y, x) / var(x) over both arms: x is independent of the assignment.
    theta = xc @ (y - y.mean()) / (xc @ xc)
    adjusted = y - theta * xc
    a, b = adjusted[treated], adjusted[~treated]
    estimate = a.mean() - b.mean()
    standard_error = np.sqrt(a.var(ddof=1) / a.size + b.var(ddof=1) / b.size)
    return float(estimate), float(standard_error)
