"""Reconstruction-error detector: normal data lies near a low-dimensional subspace, so the
part of a point that the subspace cannot explain measures how unusual it is."""

from __future__ import annotations

import numpy as np

from mlinterview.ml._validation import check_X
from mlinterview.ml.anomaly._base import OutlierMixin
from mlinterview.ml.decomposition import PCA


class PCAReconstructionDetector(OutlierMixin):
    """Score = minus the squared reconstruction error of PCA fitted on normal data.

    ``error(x) = || x - (mu + W^T W (x - mu)) ||^2`` with ``W`` the ``n_components`` ×
    ``n_features`` principal axes; ``score_samples = -error`` (higher is more normal).
    An autoencoder is the nonlinear version of the same idea.

    Parameters
    ----------
    n_components : int or float in (0, 1), as :class:`~mlinterview.ml.decomposition.PCA`;
        default 0.9 (keep 90% of the variance).
    contamination : "auto" or float in (0, 0.5], default=0.1. "auto" puts ``offset_`` at
        minus the 99th percentile of the training errors.

    Attributes
    ----------
    pca_ : the fitted PCA; offset_ : float; n_features_in_ : int.
    """

    def __init__(self, n_components=0.9, *, contamination=0.1):
        self.n_components = n_components
        self.contamination = contamination

    def fit(self, X, y=None):
        """Fit PCA to ``X (n_samples, n_features)`` and set ``offset_``."""
        self._check_contamination()
        X = check_X(X, "X", min_samples=2)
        self.pca_ = PCA(n_components=self.n_components, svd_solver="full").fit(X)
        self.n_features_in_ = X.shape[1]
        self.offset_ = 0.0
        train = self.score_samples(X)
        self._set_offset(train, np.percentile(train, 1.0))
        return self

    def reconstruction_error(self, X) -> np.ndarray:
        """Squared distance to the principal subspace, shape (n_samples,)."""
        X = self._check_X(X).astype(np.float64, copy=False)
        Xc = X - self.pca_.mean_
        W = self.pca_.components_
        residual = Xc - (Xc @ W.T) @ W
        return np.einsum("ij,ij->i", residual, residual)

    def score_samples(self, X) -> np.ndarray:
        """``-reconstruction_error(X)``, shape (n_samples,); higher is more normal."""
        return -self.reconstruction_error(X)
