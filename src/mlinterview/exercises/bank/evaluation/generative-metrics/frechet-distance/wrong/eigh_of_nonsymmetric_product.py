"""Passes the non-symmetric product S1 S2 to eigh, which reads only one triangle and so
returns the eigenvalues of a different (symmetric) matrix."""
import numpy as np


def frechet_distance(features_real, features_fake):
    A = np.asarray(features_real, dtype=np.float64)
    B = np.asarray(features_fake, dtype=np.float64)
    d = A.shape[1]
    s1 = np.cov(A, rowvar=False).reshape(d, d)
    s2 = np.cov(B, rowvar=False).reshape(d, d)
    eig = np.linalg.eigvalsh(s1 @ s2)
    diff = A.mean(axis=0) - B.mean(axis=0)
    return float(diff @ diff + np.trace(s1) + np.trace(s2)
                 - 2.0 * np.sqrt(np.clip(eig, 0.0, None)).sum())
