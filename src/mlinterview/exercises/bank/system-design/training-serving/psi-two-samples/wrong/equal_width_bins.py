"""Uses equal-width bins over the reference's range instead of its quantiles."""
import numpy as np


def psi(reference, current, bins=10, eps=1e-4):
    ref = np.asarray(reference, dtype=float)
    cur = np.asarray(current, dtype=float)
    edges = np.unique(np.linspace(ref.min(), ref.max(), bins + 1)[1:-1])
    n_bins = edges.size + 1
    expected = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=n_bins)
    actual = np.bincount(np.searchsorted(edges, cur, side="right"), minlength=n_bins)
    e = np.maximum(expected / ref.size, eps)
    a = np.maximum(actual / cur.size, eps)
    return float(np.sum((a - e) * np.log(a / e)))
