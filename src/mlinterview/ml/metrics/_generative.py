"""Distances between distributions of features, for judging generative models.

:func:`frechet_distance` is the formula behind FID (Heusel et al., 2017): fit a Gaussian
to the features of real images and one to the features of generated images (Inception
activations for FID proper; any embedding works), then take the Fréchet (2-Wasserstein)
distance between the two Gaussians:

``d^2 = ||mu1 - mu2||^2 + tr(S1 + S2 - 2 (S1 S2)^(1/2))``.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml._validation import check_array, no_overflow


def _sym_sqrt(S: np.ndarray) -> np.ndarray:
    """Square root of a symmetric positive semi-definite matrix via ``eigh``."""
    vals, vecs = np.linalg.eigh((S + S.T) / 2)
    return (vecs * np.sqrt(np.clip(vals, 0.0, None))) @ vecs.T


def _check_gaussian(mu, sigma, name):
    mu = check_array(mu, f"mu{name}", ensure_2d=False)
    sigma = check_array(sigma, f"sigma{name}")
    if mu.ndim != 1:
        raise ValueError(f"mu{name}: expected a mean vector of shape (d,), got {mu.shape}")
    if sigma.shape != (mu.size, mu.size):
        raise ValueError(f"mu{name} and sigma{name}: expected a covariance of shape "
                         f"({mu.size}, {mu.size}) for a mean of shape {mu.shape}, got "
                         f"{sigma.shape}")
    return mu, sigma


def frechet_distance(mu1, sigma1, mu2, sigma2):
    """Squared Fréchet distance between N(mu1, sigma1) and N(mu2, sigma2).

    Parameters
    ----------
    mu1, mu2 : arrays of shape (d,); sigma1, sigma2 : covariances of shape (d, d)

    The trace of ``(S1 S2)^(1/2)`` is computed as the trace of the symmetric matrix
    ``(S1^(1/2) S2 S1^(1/2))^(1/2)`` (the two have the same eigenvalues). Both square roots
    come from ``eigh`` of symmetric matrices, so no complex parts appear and a singular
    covariance (fewer samples than features) needs no epsilon on the diagonal.
    """
    mu1, sigma1 = _check_gaussian(mu1, sigma1, "1")
    mu2, sigma2 = _check_gaussian(mu2, sigma2, "2")
    if mu1.shape != mu2.shape:
        raise ValueError(f"mu1 and mu2: expected the same dimension, got {mu1.size} and "
                         f"{mu2.size}")
    with no_overflow("mu1, sigma1, mu2 and sigma2"):
        root1 = _sym_sqrt(sigma1)
        middle = root1 @ sigma2 @ root1
        eig = np.linalg.eigvalsh((middle + middle.T) / 2)
        tr_covmean = np.sqrt(np.clip(eig, 0.0, None)).sum()
        diff = mu1 - mu2
        return float(diff @ diff + np.trace(sigma1) + np.trace(sigma2) - 2.0 * tr_covmean)


def gaussian_statistics(features):
    """Mean (d,) and sample covariance (d, d) of ``features`` of shape (n_samples, d)."""
    X = check_array(features, "features", min_samples=2)
    with no_overflow("features"):
        return X.mean(axis=0), np.cov(X, rowvar=False).reshape(X.shape[1], X.shape[1])
