"""Sums p log(p / (p_a p_b)) over every cell, empty ones included: 0 * log(0) is NaN
instead of 0 as soon as some pair of labels never occurs together."""
import numpy as np


def mutual_information(x, y, base=2.0):
    _, xi = np.unique(np.asarray(x), return_inverse=True)
    _, yi = np.unique(np.asarray(y), return_inverse=True)
    nb = yi.max() + 1
    p = np.bincount(xi * nb + yi, minlength=(xi.max() + 1) * nb).reshape(-1, nb) / xi.size
    pa, pb = p.sum(1, keepdims=True), p.sum(0, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        mi = np.sum(p * np.log(p / (pa * pb))) / np.log(base)
    return float(mi) if np.isnan(mi) else max(float(mi), 0.0)
