"""Approximates log(k!) by Stirling's k log k - k, dropping the 0.5 log(2 pi k) term: the
pmf comes out wrong by a factor sqrt(2 pi k)."""
import numpy as np
from scipy.special import xlogy


def poisson_pmf(k, lam):
    k = np.asarray(k, dtype=float)
    kk = np.where(k >= 0, k, 0.0)
    log_factorial = xlogy(kk, kk) - kk
    return np.where(k >= 0, np.exp(xlogy(kk, lam) - lam - log_factorial), 0.0)
