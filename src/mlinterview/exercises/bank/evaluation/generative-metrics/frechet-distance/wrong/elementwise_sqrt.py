"""Takes the entry-wise square root of S1 S2 instead of its matrix square root (right only
when both covariances are diagonal)."""
import numpy as np


def frechet_distance(features_real, features_fake):
    A = np.asarray(features_real, dtype=np.float64)
    B = np.asarray(features_fake, dtype=np.float64)
    d = A.shape[1]
    s1 = np.cov(A, rowvar=False).reshape(d, d)
    s2 = np.cov(B, rowvar=False).reshape(d, d)
    with np.errstate(invalid="ignore"):
        covmean = np.sqrt(np.abs(s1 @ s2))
    diff = A.mean(axis=0) - B.mean(axis=0)
    return float(diff @ diff + np.trace(s1) + np.trace(s2) - 2.0 * np.trace(covmean))
