"""Principal component analysis: the orthogonal directions of largest variance.

With the centred data ``Xc = X - mean`` of shape ``(n, p)`` and its thin SVD
``Xc = U S Vᵀ``, the principal axes are the rows of ``Vᵀ`` and the variance along axis
``k`` is ``s_k² / (n - 1)``. Equivalently they are the eigenvectors of the covariance
``C = XcᵀXc / (n - 1)``: forming ``C`` costs ``O(n p²)`` and its ``p × p`` eigendecomposition
is cheap when ``n >> p`` (the ``"covariance_eigh"`` solver), at the price of squaring the
condition number, which only matters for the smallest components.

Each axis is defined up to sign; like scikit-learn we flip each so that its entry of
largest magnitude is positive, which makes results reproducible across solvers.
"""

from __future__ import annotations

import numbers

import numpy as np
import scipy.linalg

from mlinterview.ml._validation import (
    check_is_fitted,
    check_option,
    check_predict_X,
    check_scalar,
    check_X,
)
from mlinterview.ml.base import BaseEstimator, TransformerMixin

SOLVERS = ("auto", "full", "covariance_eigh")


def svd_flip_components(components: np.ndarray) -> np.ndarray:
    """Flip each row of ``components (k, p)`` so its largest-magnitude entry is positive."""
    if components.size == 0:
        return components
    idx = np.argmax(np.abs(components), axis=1)
    signs = np.sign(components[np.arange(len(components)), idx])
    signs[signs == 0] = 1.0
    return components * signs[:, None]


def _spectrum_full(Xc: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Singular values ``(r,)`` and right singular vectors ``(r, p)`` of ``Xc (n, p)``, which
    is overwritten (pass it in Fortran order, LAPACK's, so that nothing is copied).

    For tall data, ``Xc = QR`` with ``Q (n, p)`` orthonormal columns, so the small triangle
    ``R (p, p)`` has the same singular values and right singular vectors as ``Xc``. LAPACK's
    SVD (gesdd) starts with this very QR on tall matrices, but then also builds the
    ``(n, p)`` left singular vectors, which PCA never uses: stopping at ``R`` halves the
    work (Golub & Van Loan, *Matrix Computations*, 5.4.5, "R-SVD").
    """
    n, p = Xc.shape
    if n > p:
        (_, _), Xc = scipy.linalg.qr(Xc, mode="raw", overwrite_a=True, check_finite=False)
    # SciPy's gesdd, as np.linalg.svd; Xc is finite (checked at the gate).
    _, s, vt = scipy.linalg.svd(Xc, full_matrices=False, overwrite_a=True, check_finite=False)
    return s, vt


def _scatter(X: np.ndarray, mean: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """The scatter matrix ``XcᵀXc (p, p)`` of the centred data, and ``Xc`` when it was formed.

    ``XcᵀXc = XᵀX - n mean meanᵀ`` skips the ``(n, p)`` centred copy, but the subtraction
    cancels the digits the mean shares with the raw sums of squares. So it is used only
    when every feature's ``n mean_j²`` is at most half its ``sum_i x_ij²`` (less than one
    bit lost); otherwise the data are centred first.
    """
    n = X.shape[0]
    G = X.T @ X
    if np.all(n * mean**2 <= 0.5 * np.diag(G)):
        G -= n * np.outer(mean, mean)
        return G, None
    Xc = X - mean
    return Xc.T @ Xc, Xc


def _spectrum_covariance(G: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The same from ``eigh`` of the scatter ``G = XcᵀXc``: its eigenvalues are the squared
    singular values of ``Xc``."""
    eigvals, eigvecs = np.linalg.eigh(G)
    order = np.argsort(eigvals)[::-1]          # eigh sorts ascending; we want largest first
    # Rounding can leave tiny negative eigenvalues of a PSD matrix: clip them to 0.
    s = np.sqrt(np.clip(eigvals[order], 0.0, None))
    # All p values are returned: with n < p the extra ones are ~0, and keeping them makes
    # noise_variance_ the mean over all discarded directions (as scikit-learn does here).
    return s, eigvecs[:, order].T


class PCA(TransformerMixin, BaseEstimator):
    """Project data onto its ``n_components`` directions of largest variance.

    Parameters
    ----------
    n_components : int, float in (0, 1), or None
        Number of components to keep; a float keeps the fewest components whose explained
        variance ratio adds up to more than it; ``None`` keeps ``min(n_samples, n_features)``.
    whiten : bool
        Scale the projections to unit variance (divide by ``sqrt(explained_variance_)``).
    svd_solver : {"auto", "full", "covariance_eigh"}
        ``"full"``: SVD of the centred data. ``"covariance_eigh"``: eigendecomposition of the
        ``p × p`` covariance, faster for tall data. ``"auto"``: the latter when
        ``n_samples >= 10 * n_features`` and ``n_features <= 1000``, as scikit-learn does.

    Attributes
    ----------
    components_ : ndarray of shape (n_components, n_features), orthonormal rows
    explained_variance_ : ndarray of shape (n_components,), ``s_k² / (n_samples - 1)``
    explained_variance_ratio_ : ndarray of shape (n_components,), share of total variance
    singular_values_ : ndarray of shape (n_components,)
    mean_ : ndarray of shape (n_features,)
    n_components_, n_samples_, n_features_in_ : int
    noise_variance_ : float, mean variance of the discarded directions
    """

    def __init__(self, n_components=None, *, whiten=False, svd_solver="auto"):
        self.n_components = n_components
        self.whiten = whiten
        self.svd_solver = svd_solver

    def _n_keep(self, ratio: np.ndarray, max_k: int) -> int:
        k = self.n_components
        if k is None:
            return max_k
        if isinstance(k, numbers.Integral) and not isinstance(k, bool):
            check_scalar(k, "n_components", numbers.Integral, lo=0, hi=max_k)
            return int(k)
        check_scalar(k, "n_components", numbers.Real, lo=0.0, hi=1.0, include_lo=False,
                     include_hi=False)
        # The fewest components whose cumulative ratio exceeds the requested share.
        return int(min(np.searchsorted(np.cumsum(ratio), k, side="right") + 1, max_k))

    def fit(self, X, y=None):
        """Learn the mean and principal axes of ``X (n_samples, n_features)``."""
        self._fit(X)
        return self

    def _fit(self, X) -> tuple[np.ndarray, np.ndarray | None]:
        """Fit; return the checked ``X`` and the centred data when it was formed
        (``fit_transform`` reuses them)."""
        check_option(self.svd_solver, "svd_solver", SOLVERS)
        X = check_X(X, "X", min_samples=2)
        X = X if X.dtype.kind == "f" else X.astype(np.float64)
        n, p = X.shape
        solver = self.svd_solver
        if solver == "auto":
            solver = "covariance_eigh" if p <= 1000 and n >= 10 * p else "full"
        self.mean_ = X.mean(axis=0)
        if solver == "covariance_eigh":
            G, Xc = _scatter(X, self.mean_)
            s, vt = _spectrum_covariance(G)
        else:
            s, vt = _spectrum_full(np.subtract(X, self.mean_, order="F"))
            Xc = None                       # overwritten by the SVD
        variance = s**2 / (n - 1)
        total = float(variance.sum())
        ratio = variance / total if total > 0 else np.zeros_like(variance)
        r = min(n, p)   # at most this many directions can carry variance
        k = self._n_keep(ratio[:r], r)
        self.components_ = svd_flip_components(vt[:k])
        self.explained_variance_ = variance[:k]
        self.explained_variance_ratio_ = ratio[:k]
        self.singular_values_ = s[:k]
        self.n_components_, self.n_samples_, self.n_features_in_ = k, n, p
        self.noise_variance_ = float(variance[k:].mean()) if k < len(variance) and k < r else 0.0
        return X, Xc

    def fit_transform(self, X, y=None):
        """Fit, then return the projections ``(n_samples, n_components)``."""
        X, Xc = self._fit(X)
        return self._project(X - self.mean_ if Xc is None else Xc)

    def _project(self, Xc: np.ndarray) -> np.ndarray:
        Z = Xc @ self.components_.T
        if self.whiten:
            # Directions with zero variance are left at 0 rather than divided by 0.
            scale = np.sqrt(self.explained_variance_)
            Z = Z / np.where(scale > 0, scale, 1.0)
        return Z

    def transform(self, X) -> np.ndarray:
        """Coordinates ``(X - mean_) @ components_.T`` of shape ``(n_samples, n_components)``."""
        X = check_predict_X(self, X, ["components_"])
        return self._project(X - self.mean_)

    def inverse_transform(self, X) -> np.ndarray:
        """Map coordinates ``(n_samples, n_components)`` back to ``(n_samples, n_features)``.

        Exact when all components were kept; otherwise the orthogonal projection of the
        original data onto the principal subspace.
        """
        check_is_fitted(self, ["components_"])
        Z = check_X(X, "X")
        if Z.shape[1] != self.n_components_:
            raise ValueError(f"X: expected {self.n_components_} components (the columns of "
                             f"transform's output), got {Z.shape[1]}")
        if self.whiten:
            Z = Z * np.sqrt(self.explained_variance_)
        return Z @ self.components_ + self.mean_
