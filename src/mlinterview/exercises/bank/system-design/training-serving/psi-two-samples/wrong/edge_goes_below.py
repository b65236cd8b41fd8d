"""Counts a value equal to an edge in the bin below it (side="left")."""
import numpy as np


def psi(reference, current, bins=10, eps=1e-4):
    ref = np.asarray(reference, dtype=float)
    cur = np.asarray(current, dtype=float)
    edges = np.unique(np.quantile(ref, np.arange(1, bins) / bins))
    n_bins = edges.size + 1
    expected = np.bincount(np.searchsorted(edges, ref, side="left"), minlength=n_bins)
    actual = np.bincount(np.searchsorted(edges, cur, side="left"), minlength=n_bins)
    e = np.maximum(expected / ref.size, eps)
    a = np.maximum(actual / cur.size, eps)
    return float(np.sum((a - e) * np.log(a / e)))
