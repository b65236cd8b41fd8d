import numpy as np


def ks_statistics(a, b):
    """(d, d_plus, d_minus): the largest gaps between the two empirical CDFs."""
    a = np.sort(np.asarray(a, dtype=float))
    b = np.sort(np.asarray(b, dtype=float))
    x = np.concatenate([a, b])                  # the CDFs only jump at these values
    # side="right" counts the values <= x, so tied values jump together.
    gap = (np.searchsorted(a, x, side="right") / a.size
           - np.searchsorted(b, x, side="right") / b.size)
    d_plus = max(float(gap.max()), 0.0)
    d_minus = max(float(-gap.min()), 0.0)
    return max(d_plus, d_minus), d_plus, d_minus
