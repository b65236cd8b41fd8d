"""Skips the eps floor: an empty bin gives infinity (or NaN from 0 * log 0)."""
import numpy as np


def psi(reference, current, bins=10, eps=1e-4):
    ref = np.asarray(reference, dtype=float)
    cur = np.asarray(current, dtype=float)
    edges = np.unique(np.quantile(ref, np.arange(1, bins) / bins))
    n_bins = edges.size + 1
    expected = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=n_bins)
    actual = np.bincount(np.searchsorted(edges, cur, side="right"), minlength=n_bins)
    e = expected / ref.size
    a = actual / cur.size
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.sum((a - e) * np.log(a / e)))
