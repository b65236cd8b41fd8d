"""Returns the plain difference of means: ignores x, so a chance imbalance of the
pre-period metric between the arms stays in the estimate and the se is not reduced."""
import numpy as np


def cuped_estimate(y, x, treatment):
    y = np.asarray(y, dtype=float)
    treated = np.asarray(treatment).astype(bool)
    a, b = y[treated], y[~treated]
    return float(a.mean() - b.mean()), float(np.sqrt(a.var(ddof=1) / a.size
                                                      + b.var(ddof=1) / b.size))
