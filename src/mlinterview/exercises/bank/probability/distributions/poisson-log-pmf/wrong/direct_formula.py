"""Computes lam**k * exp(-lam) / k! directly: lam**k and k! both overflow (inf / inf is
NaN) once k passes 170, although the probability itself is an ordinary number."""
import numpy as np
from scipy.special import factorial


def poisson_pmf(k, lam):
    k = np.asarray(k, dtype=float)
    with np.errstate(over="ignore", invalid="ignore"):
        p = lam**k * np.exp(-lam) / factorial(k)
    return np.where(k >= 0, p, 0.0)
