import numpy as np


def welch_t(a, b):
    """Welch's t statistic and the Welch-Satterthwaite degrees of freedom."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    # Squared standard errors of the two means, each from its own unbiased variance.
    se2_a = a.var(ddof=1) / a.size
    se2_b = b.var(ddof=1) / b.size
    t = (a.mean() - b.mean()) / np.sqrt(se2_a + se2_b)
    # Satterthwaite: match the variance of se2_a + se2_b to a scaled chi-square.
    df = (se2_a + se2_b) ** 2 / (se2_a**2 / (a.size - 1) + se2_b**2 / (b.size - 1))
    return float(t), float(df)
