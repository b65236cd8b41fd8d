"""Ridge regression: least squares plus an L2 penalty, in closed form.

Minimises ``||y - X w - b||² + alpha ||w||²`` (intercept not penalised). Setting the
gradient to zero gives two equivalent closed forms:

* primal: ``w = (XᵀX + αI)⁻¹ Xᵀy``, a ``p × p`` system, cheap when ``n >= p``;
* dual:   ``w = Xᵀ (XXᵀ + αI)⁻¹ y``, an ``n × n`` system, cheap for wide data ``p > n``
  (the push-through identity ``(XᵀX + αI)⁻¹Xᵀ = Xᵀ(XXᵀ + αI)⁻¹``; it is also the kernel
  trick's starting point);
* svd: ``w = V diag(s / (s² + α)) Uᵀy``, which shows ridge shrinks each singular direction
  by ``s²/(s² + α)``.

For ``α > 0`` both matrices are positive definite, so Cholesky always works: the penalty
makes an ill-posed least-squares problem well posed.
"""

from __future__ import annotations

import numpy as np
from scipy import linalg as sla

from mlinterview.ml._validation import check_option, check_scalar
from mlinterview.ml.base import BaseEstimator, RegressorMixin
from mlinterview.ml.linear_model._base import (
    LinearPredictMixin,
    center_data,
    check_X_y_regression,
    set_coef,
)


def _spd_solve(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return sla.solve(a, b, assume_a="pos", check_finite=False)


def ridge_primal(X: np.ndarray, y: np.ndarray, alpha: float) -> np.ndarray:
    """``(XᵀX + αI)⁻¹ Xᵀy``; ``X (n, p)``, ``y (n, k)`` -> ``(p, k)``."""
    gram = X.T @ X
    gram.flat[:: gram.shape[0] + 1] += alpha
    return _spd_solve(gram, X.T @ y)


def ridge_dual(X: np.ndarray, y: np.ndarray, alpha: float) -> np.ndarray:
    """``Xᵀ (XXᵀ + αI)⁻¹ y``; ``X (n, p)``, ``y (n, k)`` -> ``(p, k)``."""
    kernel = X @ X.T
    kernel.flat[:: kernel.shape[0] + 1] += alpha
    return X.T @ _spd_solve(kernel, y)


def ridge_svd(X: np.ndarray, y: np.ndarray, alpha: float) -> np.ndarray:
    """``V diag(s/(s²+α)) Uᵀ y``; also defined for ``α = 0`` (then the pseudoinverse)."""
    u, s, vt = np.linalg.svd(X, full_matrices=False)
    denom = s**2 + alpha
    d = np.divide(s, denom, out=np.zeros_like(s), where=denom > 0)
    return vt.T @ (d[:, None] * (u.T @ y))


SOLVERS = {"cholesky": ridge_primal, "dual": ridge_dual, "svd": ridge_svd}


class Ridge(LinearPredictMixin, RegressorMixin, BaseEstimator):
    """Linear least squares with an L2 penalty ``alpha ||coef||²``.

    Parameters
    ----------
    alpha : float >= 0
        Penalty strength (``0`` is ordinary least squares; use ``solver="svd"`` then).
    fit_intercept : bool
    solver : {"auto", "cholesky", "dual", "svd"}
        ``"auto"`` picks the primal Cholesky form when ``n_samples >= n_features`` and the
        dual form otherwise.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,) or (n_targets, n_features)
    intercept_ : float or ndarray of shape (n_targets,)
    solver_ : the solver actually used
    n_features_in_ : int
    """

    def __init__(self, alpha=1.0, *, fit_intercept=True, solver="auto"):
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.solver = solver

    def fit(self, X, y, sample_weight=None):
        """Fit on ``X (n_samples, n_features)``, ``y (n_samples,)`` or ``(n_samples, k)``."""
        check_scalar(self.alpha, "alpha", lo=0.0)
        check_option(self.solver, "solver", ("auto", *SOLVERS))
        X, y, sw = check_X_y_regression(X, y, sample_weight, estimator=self)
        data = center_data(X, y, sw, self.fit_intercept)
        solver = self.solver
        if solver == "auto":
            solver = "cholesky" if X.shape[0] >= X.shape[1] else "dual"
        if self.alpha == 0 and solver != "svd":
            solver = "svd"   # no penalty: the systems may be singular; the SVD copes
        w = SOLVERS[solver](data.X, data.y, float(self.alpha))
        self.solver_ = solver
        self.n_features_in_ = X.shape[1]
        set_coef(self, w, data, self.fit_intercept)
        return self
