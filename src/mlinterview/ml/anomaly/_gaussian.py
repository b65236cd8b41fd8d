"""Gaussian density detector: fit ``N(mu, Sigma)`` to (mostly) normal data and flag points
of low density."""

from __future__ import annotations

import numbers

import numpy as np
from scipy.linalg import cho_factor, cho_solve

from mlinterview.ml._validation import check_option, check_scalar, check_X
from mlinterview.ml.anomaly._base import OutlierMixin

COVARIANCES = ("diag", "full")
_LOG_2PI = np.log(2.0 * np.pi)


class GaussianDensity(OutlierMixin):
    """Anomaly score from a fitted Gaussian: ``score_samples(x) = log N(x; mu, Sigma)``.

    .. math:: \\log p(x) = -\\tfrac12 \\left[d \\log 2\\pi + \\log|\\Sigma|
              + (x-\\mu)^\\top \\Sigma^{-1} (x-\\mu)\\right]

    ``covariance="diag"`` is the product of one Gaussian per feature (features assumed
    independent; cheap, but blind to a point that breaks a correlation);
    ``covariance="full"`` uses the whole covariance, so the score is a squared
    Mahalanobis distance plus a constant.

    Parameters
    ----------
    covariance : {"diag", "full"}, default="diag"
    reg_covar : float >= 0, default=1e-6, added to the variances (a constant feature
        would otherwise give an infinite density).
    contamination : "auto" or float in (0, 0.5], default=0.1. A float sets ``offset_`` to
        that quantile of the training scores; "auto" puts it at the log-density of a
        point at squared Mahalanobis distance ``d + 3 * sqrt(2 d)`` (about three standard
        deviations of the chi-square(d) distance of normal points).

    Attributes
    ----------
    location_ : (n_features,) mean; covariance_ : (n_features, n_features) (diagonal for
    "diag"), including ``reg_covar``; offset_ : float; n_features_in_ : int.
    """

    def __init__(self, *, covariance="diag", reg_covar=1e-6, contamination=0.1):
        self.covariance = covariance
        self.reg_covar = reg_covar
        self.contamination = contamination

    def fit(self, X, y=None):
        """Fit the mean and (MLE, divide by n) covariance of ``X (n_samples, n_features)``."""
        check_option(self.covariance, "covariance", COVARIANCES)
        check_scalar(self.reg_covar, "reg_covar", numbers.Real, lo=0.0)
        self._check_contamination()
        X = check_X(X, "X", min_samples=2).astype(np.float64, copy=False)
        n, d = X.shape
        self.n_features_in_ = d
        self.location_ = X.mean(axis=0)
        Xc = X - self.location_
        if self.covariance == "diag":
            var = (Xc * Xc).mean(axis=0) + self.reg_covar
            if (var <= 0).any():
                raise ValueError("X: a feature has zero variance; set reg_covar > 0")
            self.covariance_ = np.diag(var)
            self._var = var
        else:
            cov = Xc.T @ Xc / n + self.reg_covar * np.eye(d)
            try:
                self._chol = cho_factor(cov, lower=True)
            except np.linalg.LinAlgError:
                raise ValueError("X: the covariance is singular (collinear or constant "
                                 "features); set reg_covar > 0") from None
            self.covariance_ = cov
        self._log_det = (np.log(self._var).sum() if self.covariance == "diag"
                         else 2.0 * np.log(np.diag(self._chol[0])).sum())
        self.offset_ = 0.0
        auto = self._log_density(d + 3.0 * np.sqrt(2.0 * d))
        self._set_offset(self.score_samples(X), auto)
        return self

    def _log_density(self, mahalanobis_sq):
        return -0.5 * (self.n_features_in_ * _LOG_2PI + self._log_det + mahalanobis_sq)

    def mahalanobis(self, X) -> np.ndarray:
        """Squared Mahalanobis distance ``(x-mu)^T Sigma^{-1} (x-mu)``, shape (n_samples,)."""
        Xc = self._check_X(X) - self.location_
        if self.covariance == "diag":
            return (Xc * Xc / self._var).sum(axis=1)
        return np.einsum("ij,ij->i", Xc, cho_solve(self._chol, Xc.T).T)

    def score_samples(self, X) -> np.ndarray:
        """Log-density ``log N(x; location_, covariance_)``, shape (n_samples,); higher is
        more normal."""
        return self._log_density(self.mahalanobis(X))


class EllipticGaussian(GaussianDensity):
    """:class:`GaussianDensity` with a full covariance by default (elliptic contours)."""

    def __init__(self, *, covariance="full", reg_covar=1e-6, contamination=0.1):
        super().__init__(covariance=covariance, reg_covar=reg_covar,
                         contamination=contamination)
