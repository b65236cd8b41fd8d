import numpy as np


def psi(reference, current, bins=10, eps=1e-4):
    """PSI with bins at the reference's quantiles (repeated edges merged)."""
    ref = np.asarray(reference, dtype=float)
    cur = np.asarray(current, dtype=float)
    edges = np.unique(np.quantile(ref, np.arange(1, bins) / bins))
    n_bins = edges.size + 1
    # side="right": a value equal to an edge belongs to the bin above it.
    expected = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=n_bins)
    actual = np.bincount(np.searchsorted(edges, cur, side="right"), minlength=n_bins)
    e = np.maximum(expected / ref.size, eps)
    a = np.maximum(actual / cur.size, eps)
    return float(np.sum((a - e) * np.log(a / e)))
