"""Adds the distance between the means, ||mu1 - mu2||, where its square belongs."""
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
    return float(np.linalg.norm(diff) + np.trace(s1) + np.trace(s2) - 2.0 * np.trace(covmean))
