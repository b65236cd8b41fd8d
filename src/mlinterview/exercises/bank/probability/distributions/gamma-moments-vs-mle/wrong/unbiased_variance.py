"""Uses the unbiased variance (ddof=1) in the method of moments: the second central
moment of the sample divides by n, so a_mom and b_mom come out too small."""
import numpy as np
from scipy.special import digamma, polygamma


def fit_gamma(x):
    x = np.asarray(x, dtype=float)
    m = x.mean()
    v = x.var(ddof=1)
    s = np.log(m) - np.mean(np.log(x))
    a = (3 - s + np.sqrt((s - 3) ** 2 + 24 * s)) / (12 * s)
    for _ in range(100):
        step = (np.log(a) - digamma(a) - s) / (1 / a - polygamma(1, a))
        a -= step
        if abs(step) <= 1e-10 * a:
            break
    return (m * m / v, m / v), (float(a), float(a / m))
