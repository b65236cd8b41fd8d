"""Shared plumbing of the linear models: input checks and centring for the intercept.

Fitting an intercept is done by centring: with weighted means ``x̄`` and ``ȳ`` the
intercept is ``ȳ - x̄ · w`` and the slope ``w`` solves the problem without an intercept on
``X - x̄`` and ``y - ȳ``. That keeps the intercept out of any penalty, as scikit-learn does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlinterview.ml._validation import check_predict_X, check_sample_weight, check_X_y


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


def check_X_y_regression(X, y, sample_weight=None, *, min_samples: int = 1, estimator=None):
    """Validated float ``X (n, p)``, ``y (n,) or (n, k)`` and weights ``(n,)`` or None
    (weights not all zero: the weighted means would be 0/0)."""
    X, y = check_X_y(X, y, estimator=estimator, multi_output=True, y_numeric=True,
                     min_samples=min_samples)
    sw = check_sample_weight(sample_weight, X.shape[0], allow_all_zero=False)
    return X.astype(np.float64, copy=False), y, sw


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
    """``predict(X) = X @ coef_.T + intercept_`` for fitted linear regressors (which take
    several targets at once: scikit-learn's ``multi_output`` tag)."""

    def __sklearn_tags__(self):
        """Multi-output regressors (``y`` of shape (n_samples, n_targets) is fine)."""
        tags = super().__sklearn_tags__()
        tags.target_tags.multi_output = True
        return tags

    def _check_X_predict(self, X) -> np.ndarray:
        return check_predict_X(self, X, ["coef_"])

    def predict(self, X) -> np.ndarray:
        """Predictions of shape ``(n_samples,)`` or ``(n_samples, n_targets)``."""
        X = self._check_X_predict(X)
        return X @ np.asarray(self.coef_).T + self.intercept_
