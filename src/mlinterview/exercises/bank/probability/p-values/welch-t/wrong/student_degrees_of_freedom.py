"""Gets Welch's t right but reports Student's n_a + n_b - 2 degrees of freedom instead of
the Welch-Satterthwaite approximation."""
import numpy as np


def welch_t(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    se2 = a.var(ddof=1) / a.size + b.var(ddof=1) / b.size
    return float((a.mean() - b.mean()) / np.sqrt(se2)), float(a.size + b.size - 2)
