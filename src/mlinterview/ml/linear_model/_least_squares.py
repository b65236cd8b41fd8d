"""Ordinary least squares, four ways: normal equations, QR, SVD, gradient descent.

All four minimise ``||y - X w - b||²``; they differ in cost and in how many digits they
lose on an ill-conditioned ``X``:

* ``"normal"`` solves ``XᵀX w = Xᵀy`` by Cholesky. Forming ``XᵀX`` squares the condition
  number, so with ``cond(X) = 1e8`` about 16 digits are gone; cheapest for tall data.
* ``"qr"`` factors ``X = Q R`` and solves ``R w = Qᵀy``; error grows with ``cond(X)`` only.
  Needs full column rank.
* ``"svd"`` uses the pseudoinverse (:func:`mlinterview.ml.linalg.lstsq`); also handles
  rank-deficient ``X`` (minimum-norm solution). This is what scikit-learn does.
* ``"gd"`` is full-batch gradient descent on ``(1/2n)||Xw - y||²`` with the step ``1/L``
  (``L`` the largest eigenvalue of ``XᵀX / n``): slow on ill-conditioned data, but it is the
  method that scales to models without a closed form.
"""

from __future__ import annotations

import warnings

import numpy as np
from scipy import linalg as sla

from mlinterview.ml._validation import check_option, check_scalar
from mlinterview.ml.base import BaseEstimator, RegressorMixin
from mlinterview.ml.exceptions import ConvergenceWarning
from mlinterview.ml.linalg import lstsq
from mlinterview.ml.linear_model._base import (
    LinearPredictMixin,
    center_data,
    check_X_y_regression,
    set_coef,
)

# Relative size below which a pivot counts as zero. Rounding leaves pivots of a singular
# matrix around eps times its scale; 1e3 eps leaves room for that without rejecting
# merely ill-conditioned data (the normal equations are already at eps * cond² there).
_RANK_TOL = 1e3 * np.finfo(float).eps


def _solve_normal(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    gram = X.T @ X
    message = ("X: solver='normal' needs XᵀX positive definite (full column rank); use "
               "solver='svd' for rank-deficient X")
    try:
        factor = sla.cho_factor(gram, lower=True, check_finite=False)
    except np.linalg.LinAlgError:
        raise ValueError(message) from None
    # A singular Gram matrix can survive Cholesky by rounding; a tiny pivot gives it away.
    # Pivots are singular-value-like, so their squared ratio estimates 1/cond(XᵀX).
    pivots = np.abs(np.diag(factor[0]))
    if pivots.min() ** 2 <= _RANK_TOL * pivots.max() ** 2:
        raise ValueError(message)
    return sla.cho_solve(factor, X.T @ y, check_finite=False)


def _solve_qr(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    q, r = np.linalg.qr(X, mode="reduced")
    diag = np.abs(np.diag(r))
    # LAPACK's rank tolerance: a diagonal entry below max(m, n) * eps * max is rounding noise.
    if diag.size < X.shape[1] or diag.min() <= max(X.shape) * np.finfo(float).eps * diag.max():
        raise ValueError("X: solver='qr' needs full column rank (n_samples >= n_features and "
                         "independent columns); use solver='svd'")
    return sla.solve_triangular(r, q.T @ y, check_finite=False)


def _solve_svd(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, int, np.ndarray]:
    w, _, rank, s = lstsq(X, y)
    return w, rank, s


def gradient_descent(X: np.ndarray, y: np.ndarray, *, max_iter: int, tol: float,
                     learning_rate: float | None = None) -> tuple[np.ndarray, int, bool]:
    """Minimise ``(1/2n)||X W - Y||²_F`` by full-batch gradient descent from ``W = 0``.

    ``X`` is ``(n, p)``, ``Y`` is ``(n, k)``. The gradient is ``Xᵀ(XW - Y)/n``; the update
    is ``W ← W - η ∇`` (downhill: minus the gradient). With ``η = 1/L`` and ``L`` the largest
    eigenvalue of ``XᵀX/n`` every step decreases the loss. Stops when
    ``||∇||_F <= tol * ||XᵀY/n||_F``. Returns ``(W, n_iter, converged)``.
    """
    n = X.shape[0]
    gram = X.T @ X / n          # (p, p): each iteration then costs O(p² k), not O(n p k)
    xty = X.T @ y / n
    if learning_rate is None:
        lipschitz = float(np.linalg.eigvalsh(gram)[-1]) if gram.size else 0.0
        learning_rate = 1.0 / lipschitz if lipschitz > 0 else 1.0
    w = np.zeros_like(xty)
    target = tol * max(float(np.linalg.norm(xty)), np.finfo(float).tiny)
    for it in range(1, max_iter + 1):
        grad = gram @ w - xty
        if np.linalg.norm(grad) <= target:
            return w, it - 1, True
        w -= learning_rate * grad
    return w, max_iter, bool(np.linalg.norm(gram @ w - xty) <= target)


SOLVERS = ("svd", "qr", "normal", "gd")


class LinearRegression(LinearPredictMixin, RegressorMixin, BaseEstimator):
    """Ordinary least squares: minimise ``sum_i w_i (y_i - x_i·coef - intercept)²``.

    Parameters
    ----------
    fit_intercept : bool
        Fit ``intercept_`` (by centring; it is never penalised or solved for jointly).
    solver : {"svd", "qr", "normal", "gd"}
        How the least-squares problem is solved (see the module docstring).
    max_iter, tol, learning_rate :
        Only for ``"gd"``: iteration cap, relative gradient-norm tolerance, and the step
        (``None``: ``1/L`` from the largest eigenvalue of ``XᵀX/n``).

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,) or (n_targets, n_features)
    intercept_ : float or ndarray of shape (n_targets,)
    rank_, singular_ : rank and singular values of the centred X (solver ``"svd"`` only)
    n_iter_ : iterations used (solver ``"gd"`` only)
    n_features_in_ : int
    """

    def __init__(self, *, fit_intercept=True, solver="svd", max_iter=10_000, tol=1e-10,
                 learning_rate=None):
        self.fit_intercept = fit_intercept
        self.solver = solver
        self.max_iter = max_iter
        self.tol = tol
        self.learning_rate = learning_rate

    def fit(self, X, y, sample_weight=None):
        """Fit on ``X (n_samples, n_features)``, ``y (n_samples,)`` or ``(n_samples, k)``."""
        check_option(self.solver, "solver", SOLVERS)
        X, y, sw = check_X_y_regression(X, y, sample_weight, estimator=self)
        data = center_data(X, y, sw, self.fit_intercept)
        if self.solver == "normal":
            w = _solve_normal(data.X, data.y)
        elif self.solver == "qr":
            w = _solve_qr(data.X, data.y)
        elif self.solver == "svd":
            w, self.rank_, self.singular_ = _solve_svd(data.X, data.y)
        else:
            check_scalar(self.max_iter, "max_iter", int, lo=1)
            check_scalar(self.tol, "tol", lo=0.0)
            if self.learning_rate is not None:
                check_scalar(self.learning_rate, "learning_rate", lo=0.0, include_lo=False)
            w, self.n_iter_, converged = gradient_descent(
                data.X, data.y, max_iter=self.max_iter, tol=self.tol,
                learning_rate=self.learning_rate)
            if not converged:
                warnings.warn(f"gradient descent did not reach tol={self.tol:g} in "
                              f"{self.max_iter} iterations; raise max_iter or use a direct "
                              "solver", ConvergenceWarning, stacklevel=2)
        self.n_features_in_ = X.shape[1]
        set_coef(self, w, data, self.fit_intercept)
        return self


def residual_orthogonality(X, y, coef, intercept=0.0) -> float:
    """``max_j |x_jᵀ r| / (||x_j|| ||r||)`` for the residual ``r = y - X coef - intercept``.

    At the least-squares solution the residual is orthogonal to every column of ``X`` (the
    normal equations ``Xᵀr = 0``), so this cosine is ~0; shapes ``X (n, p)``, ``y (n,)``.
    """
    X, y, _ = check_X_y_regression(X, y)
    r = y - X @ np.asarray(coef, dtype=float) - intercept
    norms = np.linalg.norm(X, axis=0) * np.linalg.norm(r)
    cos = np.abs(X.T @ r) / np.where(norms > 0, norms, 1.0)
    return float(cos.max()) if cos.size else 0.0
