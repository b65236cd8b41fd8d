"""Drops the factor 2 in front of the cross term tr (S1 S2)^(1/2)."""
import numpy as np
from scipy import linalg


def frechet_distance(features_real, features_fake):
    A = np.asarray(features_real, dtype=np.float64)
    B = np.asarray(features_fake, dtype=np.float64)
    d = A.shape[1]
    s1 = np.cov(A, rowvar=False).reshape(d, d)
    s2 = np.cov(B, rowvar=False).reshape(d, d)
    covmean = linalg.sqrtm(s1 @ s2).real
    diff = A.mean(axis=0) - B.mean(axis=0)
    return float(diff @ diff + np.trace(s1) + np.trace(s2) - np.trace(covmean))
