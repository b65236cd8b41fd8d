"""Student's t-test instead of Welch's: pools the two variances (assuming they are equal)
and uses n_a + n_b - 2 degrees of freedom."""
import numpy as np


def welch_t(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    na, nb = a.size, b.size
    sp2 = ((na - 1) * a.var(ddof=1) + (nb - 1) * b.var(ddof=1)) / (na + nb - 2)
    t = (a.mean() - b.mean()) / np.sqrt(sp2 * (1 / na + 1 / nb))
    return float(t), float(na + nb - 2)
