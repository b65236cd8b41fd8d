import numpy as np
from scipy.special import digamma, polygamma


def fit_gamma(x):
    """Method-of-moments and maximum-likelihood fits of a gamma(shape a, rate b)."""
    x = np.asarray(x, dtype=float)
    m = x.mean()
    v = np.mean((x - m) ** 2)              # second central moment (divides by n)
    # Moments: mean a/b = m and variance a/b² = v, solved for a and b.
    a_mom, b_mom = m * m / v, m / v

    # Likelihood: b = a/m at the optimum for any a; then a solves log(a) - psi(a) = s.
    s = np.log(m) - np.mean(np.log(x))     # > 0 by Jensen (log is concave)
    a = (3 - s + np.sqrt((s - 3) ** 2 + 24 * s)) / (12 * s)     # Minka's start, ~1.5%
    for _ in range(100):
        # Newton on f(a) = log(a) - psi(a) - s, with f'(a) = 1/a - psi'(a) < 0.
        step = (np.log(a) - digamma(a) - s) / (1 / a - polygamma(1, a))
        a -= step
        if abs(step) <= 1e-10 * a:
            break
    return (float(a_mom), float(b_mom)), (float(a), float(a / m))
