"""Shared plumbing of the linear models: input checks and centring for the intercept.

Fitting an intercept is done by centring: with weighted means ``x̄`` and ``ȳ`` the
intercept is ``ȳ - x̄ · w`` and the slope ``w`` solves the problem without an intercept on
``X - x̄`` and ``y - ȳ``. That keeps the intercept out of any penalty, as scikit-learn does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlinterview.ml._validation import (
    check_array,
    check_consistent_length,
    check_is_fitted,
    check_n_features,
    check_sample_weight,
)


@dataclass
class Centered:
    """Centred (and sqrt-weight-scaled) data with the offsets needed to undo it.

    ``X`` is ``(n_samples, n_features)``, ``y`` is ``(n_samples, n_targets)``.
    """

    X: np.ndarray
    y: np.ndarray
    X_offset: np.ndarray
    y_offset: np.ndarray
    sqrt_sw: np.ndarray | None
    y_was_1d: bool


def check_X_y_regression(X, y, sample_weight=None, *, min_samples: int = 1):
    """Validated float ``X (n, p)``, ``y (n,) or (n, k)`` and weights ``(n,)`` or None."""
    X = check_array(X, "X", min_samples=min_samples)
    y = check_array(y, "y", ensure_2d=False, min_samples=min_samples)
    if y.ndim not in (1, 2):
        raise ValueError(f"y: expected shape (n_samples,) or (n_samples, n_targets), got "
                         f"shape {y.shape}")
    check_consistent_length(X=X, y=y)
    sw = check_sample_weight(sample_weight, X.shape[0])
    X = X.astype(np.float64, copy=False)
    y = y.astype(np.float64, copy=False)
    return X, y, sw


def center_data(X, y, sample_weight, fit_intercept: bool) -> Centered:
    """Subtract weighted means if ``fit_intercept`` and scale rows by ``sqrt(weight)``.

    After this, the weighted least-squares problem ``sum_i w_i (y_i - x_i·β)²`` is the
    ordinary one ``||y' - X'β||²`` on the returned arrays.
    """
    y_was_1d = y.ndim == 1
    y2 = y.reshape(len(y), -1)
    if fit_intercept:
        X_offset = np.average(X, axis=0, weights=sample_weight)
        y_offset = np.average(y2, axis=0, weights=sample_weight)
        Xc, yc = X - X_offset, y2 - y_offset
    else:
        X_offset = np.zeros(X.shape[1])
        y_offset = np.zeros(y2.shape[1])
        Xc, yc = X, y2
    sqrt_sw = None
    if sample_weight is not None:
        sqrt_sw = np.sqrt(sample_weight)
        Xc, yc = Xc * sqrt_sw[:, None], yc * sqrt_sw[:, None]
    return Centered(Xc, yc, X_offset, y_offset, sqrt_sw, y_was_1d)


def set_coef(est, coef: np.ndarray, data: Centered, fit_intercept: bool) -> None:
    """Store ``coef_`` ``(n_features,)`` or ``(n_targets, n_features)`` and ``intercept_``.

    ``coef`` comes in as ``(n_features, n_targets)``.
    """
    coef_t = coef.T  # (n_targets, n_features), scikit-learn's layout
    intercept = data.y_offset - coef_t @ data.X_offset if fit_intercept else np.zeros(len(coef_t))
    if data.y_was_1d:
        est.coef_, est.intercept_ = coef_t[0], float(intercept[0]) if fit_intercept else 0.0
    else:
        est.coef_, est.intercept_ = coef_t, intercept


class LinearPredictMixin:
    """``predict(X) = X @ coef_.T + intercept_`` for fitted linear regressors."""

    def _check_X_predict(self, X) -> np.ndarray:
        check_is_fitted(self, ["coef_"])
        X = check_array(X, "X")
        return check_n_features(self, X)

    def predict(self, X) -> np.ndarray:
        """Predictions of shape ``(n_samples,)`` or ``(n_samples, n_targets)``."""
        X = self._check_X_predict(X)
        return X @ np.asarray(self.coef_).T + self.intercept_
