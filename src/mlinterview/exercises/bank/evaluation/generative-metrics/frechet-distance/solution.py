import numpy as np


def frechet_distance(features_real, features_fake):
    """Squared Fréchet distance between Gaussians fitted to two feature sets (FID)."""
    A = np.asarray(features_real, dtype=np.float64)
    B = np.asarray(features_fake, dtype=np.float64)
    d = A.shape[1]
    mu1, mu2 = A.mean(axis=0), B.mean(axis=0)
    # np.cov is 0-d for one feature: reshape keeps the (d, d) shape.
    s1 = np.cov(A, rowvar=False).reshape(d, d)
    s2 = np.cov(B, rowvar=False).reshape(d, d)
    # tr (S1 S2)^(1/2) = sum of sqrt(eigenvalues of S1 S2). Those equal the eigenvalues of
    # the symmetric S1^(1/2) S2 S1^(1/2), which eigvalsh computes reliably.
    w, V = np.linalg.eigh(s1)
    root1 = (V * np.sqrt(np.clip(w, 0.0, None))) @ V.T
    middle = root1 @ s2 @ root1
    eig = np.linalg.eigvalsh((middle + middle.T) / 2)
    tr_covmean = np.sqrt(np.clip(eig, 0.0, None)).sum()
    diff = mu1 - mu2
    return float(diff @ diff + np.trace(s1) + np.trace(s2) - 2.0 * tr_covmean)
