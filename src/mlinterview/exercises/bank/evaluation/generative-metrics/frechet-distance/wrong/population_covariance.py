"""Normalises the covariances by n instead of n - 1 (np.cov's and FID's convention is the
sample covariance)."""
import numpy as np
from scipy import linalg


def frechet_distance(features_real, features_fake):
    A = np.asarray(features_real, dtype=np.float64)
    B = np.asarray(features_fake, dtype=np.float64)
    d = A.shape[1]
    s1 = np.cov(A, rowvar=False, bias=True).reshape(d, d)
    s2 = np.cov(B, rowvar=False, bias=True).reshape(d, d)
    covmean = linalg.sqrtm(s1 @ s2).real
    diff = A.mean(axis=0) - B.mean(axis=0)
    return float(diff @ diff + np.trace(s1) + np.trace(s2) - 2.0 * np.trace(covmean))
