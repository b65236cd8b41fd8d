"""Puts raw counts in the log ratio: log(n_ab / (n_a n_b)) is off by log(n) from
log(p_ab / (p_a p_b)), because the product of two marginals divides by n twice."""
import numpy as np


def mutual_information(x, y, base=2.0):
    _, xi = np.unique(np.asarray(x), return_inverse=True)
    _, yi = np.unique(np.asarray(y), return_inverse=True)
    nb = yi.max() + 1
    c = np.bincount(xi * nb + yi, minlength=(xi.max() + 1) * nb).reshape(-1, nb).astype(float)
    n_a, n_b = c.sum(1, keepdims=True), c.sum(0, keepdims=True)
    nz = c > 0
    mi = np.sum(c[nz] / xi.size * np.log(c[nz] / (n_a * n_b)[nz])) / np.log(base)
    return max(float(mi), 0.0)
