import numpy as np


def best_variance_split(x, y, min_samples_leaf=1):
    """(threshold, variance reduction) of the best allowed split, or (None, 0.0)."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    n = len(x)
    order = np.argsort(x, kind="stable")
    xs = x[order]
    # The gain is shift-invariant: centring y keeps the sums small (no cancellation).
    ys = y[order] - y.mean()
    # A cut after sorted position i puts n_left = i + 1 samples on the left.
    n_left = np.arange(1, n)
    n_right = n - n_left
    s_left = np.cumsum(ys)[:-1]
    s_right = ys.sum() - s_left
    # n * gain = S_L^2 / n_L + S_R^2 / n_R - S^2 / n  (sums of squared sums, no E[y^2]).
    gain = (s_left**2 / n_left + s_right**2 / n_right - ys.sum() ** 2 / n) / n
    allowed = ((xs[1:] > xs[:-1])                        # only between distinct values
               & (n_left >= min_samples_leaf) & (n_right >= min_samples_leaf))
    if not allowed.any():
        return None, 0.0
    i = int(np.argmax(np.where(allowed, gain, -np.inf)))   # first maximum: smallest x
    return float((xs[i] + xs[i + 1]) / 2), float(gain[i])
