"""Sample quality of a generative model against data, for low-dimensional samples.

The Fréchet distance compares only means and covariances, so in 2-D a single Gaussian fit
scores almost perfectly; the energy distance compares whole distributions (it is zero only
when they are equal), so it is the main number here. Mode coverage counts the modes of a
known mixture that the samples reach.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml._validation import check_array, check_scalar
from mlinterview.ml.metrics import frechet_distance, gaussian_statistics


def _pair(X, Y):
    X = check_array(X, "X", min_samples=1)
    Y = check_array(Y, "Y", min_samples=1)
    if X.shape[1] != Y.shape[1]:
        raise ValueError(f"X and Y: expected the same number of features, got {X.shape[1]} "
                         f"and {Y.shape[1]}")
    return X, Y


def _mean_distance(A: np.ndarray, B: np.ndarray, block: int = 2048) -> float:
    """Mean Euclidean distance over all pairs (a in A, b in B), in row blocks so the
    (len(A), len(B)) distance matrix never has to exist at once."""
    total = 0.0
    sq_b = (B * B).sum(1)
    for start in range(0, len(A), block):
        a = A[start:start + block]
        d2 = (a * a).sum(1)[:, None] + sq_b[None, :] - 2.0 * a @ B.T
        total += np.sqrt(np.clip(d2, 0.0, None)).sum()
    return total / (len(A) * len(B))


def energy_distance(X, Y) -> float:
    """Squared energy distance between the samples X (n, d) and Y (m, d):

    D² = 2 E‖x - y‖ - E‖x - x'‖ - E‖y - y'‖,

    every expectation an average over all pairs (the V-statistic, self-pairs included).
    It is ≥ 0, and zero in the population limit only when the distributions are equal.
    In 1-D it equals the square of ``scipy.stats.energy_distance``.
    """
    X, Y = _pair(X, Y)
    return float(2.0 * _mean_distance(X, Y) - _mean_distance(X, X) - _mean_distance(Y, Y))


def sample_frechet_distance(X, Y) -> float:
    """Fréchet distance between Gaussians fitted to X (n, d) and Y (m, d): the FID formula
    applied to the raw coordinates instead of Inception features."""
    X, Y = _pair(X, Y)
    if len(X) < 2 or len(Y) < 2:
        raise ValueError("X and Y: expected at least 2 samples each to fit a covariance")
    return frechet_distance(*gaussian_statistics(X), *gaussian_statistics(Y))


def mode_coverage(samples, centers, *, radius: float) -> tuple[int, float]:
    """How many of the mixture's ``centers`` (k, d) have at least one sample within
    ``radius``, and the fraction of ``samples`` (n, d) within ``radius`` of some centre
    (the "high-quality" share). A collapsed GAN reaches few modes with a high share."""
    S, C = _pair(samples, centers)
    check_scalar(radius, "radius", lo=0.0, include_lo=False)
    d2 = ((S[:, None, :] - C[None, :, :]) ** 2).sum(-1)
    near = d2 <= radius**2
    return int(near.any(0).sum()), float(near.any(1).mean())
