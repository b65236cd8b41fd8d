"""Lasso and elastic net by cyclic coordinate descent with soft-thresholding.

The objective (scikit-learn's scaling, ``n`` samples, ``ρ = l1_ratio``)::

    (1 / 2n) ||y - X w||²  +  α ρ ||w||₁  +  (α (1 - ρ) / 2) ||w||²

has no closed form because ``|w_j|`` has a kink at 0, but in one coordinate at a time it
does: with the partial residual correlation ``z_j = x_jᵀ (y - X w + x_j w_j)``::

    w_j ← S(z_j, n α ρ) / (||x_j||² + n α (1 - ρ)),    S(z, t) = sign(z) max(|z| - t, 0)

``S`` (soft-thresholding) is what sets coefficients to exactly zero: any feature whose
correlation with the residual is below ``n α ρ`` is switched off. Sweeping the coordinates
in order until the duality gap is below ``tol · ||y||²`` converges to the global minimum
(the objective is convex and its non-smooth part is separable). Friedman, Hastie & Tibshirani
(2010), "Regularization paths for generalized linear models via coordinate descent".

The sweep is inherently sequential (each update uses the previous ones). When
``n_samples > n_features`` it runs on the Gram matrix ``XᵀX`` so that each update costs
``O(p)`` instead of ``O(n)``. The sweeps are Python loops (the readable reference); when
Numba is installed, compiled twins of the same sweeps (``_sweeps_gram`` on the Gram matrix,
``_sweeps_columns`` on the residual, for all columns or a working set) run instead, with
the same steps, while the duality-gap checks and the working-set bookkeeping stay in NumPy.
"""

from __future__ import annotations

import warnings

import numpy as np

from mlinterview.ml._numba import njit, use_numba
from mlinterview.ml._validation import check_scalar
from mlinterview.ml.base import BaseEstimator, RegressorMixin
from mlinterview.ml.exceptions import ConvergenceWarning
from mlinterview.ml.linear_model._base import (
    LinearPredictMixin,
    center_data,
    check_X_y_regression,
    set_coef,
)


def soft_threshold(z, t):
    """``S(z, t) = sign(z) max(|z| - t, 0)``: the proximal operator of ``t |·|``."""
    z = np.asarray(z, dtype=float)
    return np.sign(z) * np.maximum(np.abs(z) - t, 0.0)


def _duality_gap(w, XtR, R_norm2, Ry, l1, l2):
    """Elastic-net duality gap from ``XᵀR``, ``RᵀR`` and ``Rᵀy`` (all scaled by ``n``).

    The dual point is the residual ``R`` shrunk until ``||Xᵀ R - l2 w||_∞ <= l1``; the gap
    between the primal and dual objectives bounds how far ``w`` is from optimal.
    """
    XtA = XtR - l2 * w
    dual_norm = float(np.max(np.abs(XtA))) if XtA.size else 0.0
    const = l1 / dual_norm if dual_norm > l1 else 1.0
    gap = 0.5 * R_norm2 * (1.0 + const**2) if dual_norm > l1 else R_norm2
    w_norm2 = float(w @ w)
    return gap + l1 * float(np.abs(w).sum()) - const * Ry + 0.5 * l2 * (1.0 + const**2) * w_norm2


def _sweeps_gap(w, y, y_norm2, l1, l2, use_gram, arrays):
    """:func:`_duality_gap` of the full sweeps, from the arrays they keep up to date:
    ``(gram, xty, diag, h)`` with ``h = XᵀX w`` (so ``XᵀR = Xᵀy - h`` and ``RᵀR``, ``Rᵀy``
    follow without ``X``), or ``(Xf, diag, R)`` with the residual ``R = y - X w``."""
    if use_gram:
        _, xty, _, h = arrays
        XtR = xty - h
        R_norm2 = y_norm2 - 2.0 * float(w @ xty) + float(w @ h)
        Ry = y_norm2 - float(w @ xty)
    else:
        Xf, _, R = arrays
        XtR = Xf.T @ R
        R_norm2 = float(R @ R)
        Ry = float(R @ y)
    return _duality_gap(w, XtR, R_norm2, Ry, l1, l2)


def enet_coordinate_descent(X, y, l1, l2, *, max_iter, tol, w0=None):
    """Minimise ``½||y - Xw||² + l1 ||w||₁ + ½ l2 ||w||²`` for one target.

    ``X (n, p)``, ``y (n,)``; ``l1 = n α ρ`` and ``l2 = n α (1 - ρ)``. Returns
    ``(w, gap, n_iter, converged)``; converged means ``gap <= tol · ||y||²``.
    """
    n, p = X.shape
    w = np.zeros(p) if w0 is None else np.array(w0, dtype=float)
    if p == 0:
        return w, 0.0, 0, True
    y_norm2 = float(y @ y)
    tol_gap = tol * y_norm2
    if p >= _WORKING_SET_MIN_FEATURES and l1 > 0:
        return _working_set_cd(X, y, l1, l2, w, max_iter=max_iter, tol=tol, tol_gap=tol_gap)
    use_gram = n > p
    if use_gram:
        gram = X.T @ X                       # (p, p), symmetric: row j is column j
        xty = X.T @ y
        diag = np.diag(gram).copy()
        h = gram @ w                         # h = XᵀX w, kept up to date
    else:
        Xf = np.asfortranarray(X)            # contiguous columns for x_j
        diag = np.einsum("ij,ij->j", Xf, Xf)
        R = y - Xf @ w
    arrays = (gram, xty, diag, h) if use_gram else (Xf, diag, R)
    if use_numba():
        return _enet_cd_compiled(X, y, l1, l2, w, max_iter=max_iter, tol=tol,
                                 tol_gap=tol_gap, use_gram=use_gram, arrays=arrays)
    gap, converged, it = np.inf, False, 0
    for it in range(1, max_iter + 1):
        w_max = d_w_max = 0.0
        for j in range(p):
            if diag[j] == 0.0:
                continue
            w_old = w[j]
            if use_gram:
                z = xty[j] - h[j] + diag[j] * w_old
            else:
                z = Xf[:, j] @ R + diag[j] * w_old
            w_new = np.sign(z) * max(abs(z) - l1, 0.0) / (diag[j] + l2)
            if w_new != w_old:
                if use_gram:
                    h += gram[j] * (w_new - w_old)
                else:
                    R -= Xf[:, j] * (w_new - w_old)
                w[j] = w_new
            d_w_max = max(d_w_max, abs(w_new - w_old))
            w_max = max(w_max, abs(w_new))
        # The gap is costlier than a sweep, so check it only when the weights stall
        # (scikit-learn's rule) or at the last iteration.
        if w_max == 0.0 or d_w_max / w_max <= tol or it == max_iter:
            gap = _sweeps_gap(w, y, y_norm2, l1, l2, use_gram, arrays)
            if gap <= tol_gap:
                converged = True
                break
    return w, gap, it, converged


# With many features most coefficients of a lasso stay at 0. Sweeping all of them in Python
# (or forming the p × p Gram matrix) then costs more than the problem needs; from this many
# features on, coordinate descent runs on a working set instead.
_WORKING_SET_MIN_FEATURES = 64
# Working-set sweeps between two checks of all features. A cap is needed: at a tight tol
# rounding can keep the relative change above tol forever, and a feature outside the set
# would then never get its chance.
_INNER_SWEEPS = 20


def _working_set_cd(X, y, l1, l2, w, *, max_iter, tol, tol_gap):
    """Coordinate descent on a working set (the glmnet "active set" strategy).

    Same objective and optimum as :func:`enet_coordinate_descent`. Repeat: one matrix-vector
    product ``c = Xᵀ R`` gives every coordinate's correlation with the residual (all the
    zero coordinates' updates at once: ``w_j`` stays 0 exactly when ``|c_j| <= l1``); add
    the violators to the working set; sweep only the working set until its largest change
    is at most ``tol`` times its largest coefficient (the full sweep's rule) or for at most
    ``_INNER_SWEEPS`` sweeps; stop when the duality gap (computed from the same ``c``) is below
    ``tol_gap``. Every sweep and check counts towards ``max_iter``.
    """
    diag = np.einsum("ij,ij->j", X, X)
    R = y - X @ w
    active = np.flatnonzero(w != 0.0)
    fast = use_numba()
    gap, it = np.inf, 0
    while it < max_iter:
        it += 1
        XtR = X.T @ R                        # (p,): one BLAS pass over X
        gap = _duality_gap(w, XtR, float(R @ R), float(R @ y), l1, l2)
        if gap <= tol_gap:
            return w, gap, it, True
        z = XtR + diag * w
        violators = np.flatnonzero((w == 0.0) & (np.abs(z) > l1) & (diag > 0.0))
        active = np.union1d(active, violators)
        if fast:
            # Columns as contiguous rows of Xaᵀ for the compiled sweeps.
            XaT, wa, da = np.ascontiguousarray(X.T[active]), w[active], diag[active]
            it = _sweeps_columns(XaT, R, da, wa, float(l1), float(l2), float(tol), it,
                                 int(max_iter), _INNER_SWEEPS, False)
            w[active] = wa
            active = active[wa != 0.0]
            continue
        # The working set's columns, copied once per outer step into contiguous memory.
        Xa, wa, da = np.asfortranarray(X[:, active]), w[active], diag[active]
        for _ in range(_INNER_SWEEPS):
            if it >= max_iter:
                break
            it += 1
            w_max = d_w_max = 0.0
            for j in range(len(active)):     # sequential: each update uses the last
                w_old = wa[j]
                zj = Xa[:, j] @ R + da[j] * w_old
                w_new = np.sign(zj) * max(abs(zj) - l1, 0.0) / (da[j] + l2)
                if w_new != w_old:
                    R -= Xa[:, j] * (w_new - w_old)
                    wa[j] = w_new
                d_w_max = max(d_w_max, abs(w_new - w_old))
                w_max = max(w_max, abs(w_new))
            if w_max == 0.0 or d_w_max / w_max <= tol:    # the full sweep's test, as written
                break
        w[active] = wa
        active = active[wa != 0.0]           # coefficients that returned to 0 leave
    XtR = X.T @ R
    gap = _duality_gap(w, XtR, float(R @ R), float(R @ y), l1, l2)
    return w, gap, it, bool(gap <= tol_gap)


def _enet_cd_compiled(X, y, l1, l2, w, *, max_iter, tol, tol_gap, use_gram, arrays):
    """The loop of :func:`enet_coordinate_descent` with its sweeps compiled (same steps).

    The compiled kernel sweeps until the weights stall (or ``max_iter``); the duality gap
    is then checked here exactly as in the reference. ``arrays`` are the reference's
    ``(gram, xty, diag, h)`` or ``(Xf, diag, R)``.
    """
    y_norm2 = float(y @ y)
    # Plain floats and ints: one compiled signature per kernel.
    l1, l2, tol, max_iter = float(l1), float(l2), float(tol), int(max_iter)
    if use_gram:
        gram, xty, diag, h = arrays
        gram = np.ascontiguousarray(gram)
    else:
        Xf, diag, R = arrays
        XT = np.ascontiguousarray(Xf.T)          # a view: Xf is Fortran-ordered
    gap, converged, it = np.inf, False, 0
    while it < max_iter:
        if use_gram:
            it = _sweeps_gram(gram, xty, diag, h, w, l1, l2, tol, it, max_iter)
        else:
            it = _sweeps_columns(XT, R, diag, w, l1, l2, tol, it, max_iter, max_iter, True)
        gap = _sweeps_gap(w, y, y_norm2, l1, l2, use_gram, arrays)
        if gap <= tol_gap:
            converged = True
            break
    return w, gap, it, converged


@njit(cache=True, nogil=True)
def _sweeps_gram(gram, xty, diag, h, w, l1, l2, tol, it, max_iter):
    """Gram-matrix sweeps of :func:`enet_coordinate_descent`, compiled: from sweep
    ``it + 1`` on until the largest change is at most ``tol`` times the largest weight or
    sweep ``max_iter``; updates ``w`` and ``h = gram @ w`` in place, returns the sweep
    count."""
    p = w.shape[0]
    while it < max_iter:
        it += 1
        w_max = d_w_max = 0.0
        for j in range(p):
            if diag[j] == 0.0:
                continue
            w_old = w[j]
            z = xty[j] - h[j] + diag[j] * w_old
            w_new = np.sign(z) * max(abs(z) - l1, 0.0) / (diag[j] + l2)
            if w_new != w_old:
                delta = w_new - w_old
                for k in range(p):
                    h[k] += gram[j, k] * delta
                w[j] = w_new
            d_w_max = max(d_w_max, abs(w_new - w_old))
            w_max = max(w_max, abs(w_new))
        if w_max == 0.0 or d_w_max / w_max <= tol:
            break
    return it


@njit(cache=True, nogil=True)
def _sweeps_columns(XT, R, diag, w, l1, l2, tol, it, max_iter, max_sweeps, skip_empty):
    """Residual sweeps over the columns of ``X`` (the rows of ``XT``, C-contiguous),
    compiled: both the full sweeps of :func:`enet_coordinate_descent` (``n <= p``; called
    with ``max_sweeps = max_iter``) and the inner sweeps of :func:`_working_set_cd` (``XT``
    the working set's columns, at most ``_INNER_SWEEPS`` sweeps).

    From sweep ``it + 1`` on, at most ``max_sweeps`` sweeps, stopping at sweep
    ``max_iter`` or when the largest change is at most ``tol`` times the largest weight
    (as :func:`_sweeps_gram`). ``skip_empty``: leave the weight of an all-zero column
    (``diag[j] == 0``) alone, as the full sweep does; the working set's reference updates
    it (to 0) like any other. Updates ``w`` and ``R = y - X w`` in place; returns the
    sweep count."""
    p, n = XT.shape
    for _ in range(max_sweeps):
        if it >= max_iter:
            break
        it += 1
        w_max = d_w_max = 0.0
        for j in range(p):
            if skip_empty and diag[j] == 0.0:
                continue
            w_old = w[j]
            xj = XT[j]
            z = np.dot(xj, R) + diag[j] * w_old
            w_new = np.sign(z) * max(abs(z) - l1, 0.0) / (diag[j] + l2)
            if w_new != w_old:
                delta = w_new - w_old
                for k in range(n):
                    R[k] -= xj[k] * delta
                w[j] = w_new
            d_w_max = max(d_w_max, abs(w_new - w_old))
            w_max = max(w_max, abs(w_new))
        if w_max == 0.0 or d_w_max / w_max <= tol:
            break
    return it


def _fit_targets(X, Y, alpha, l1_ratio, *, max_iter, tol, W0=None):
    """Coordinate descent per column of ``Y (n, k)``; returns ``W (p, k)``, gaps, iters."""
    n = X.shape[0]
    l1, l2 = alpha * l1_ratio * n, alpha * (1.0 - l1_ratio) * n
    W = np.zeros((X.shape[1], Y.shape[1]))
    gaps, iters, ok = [], [], True
    for k in range(Y.shape[1]):
        w0 = None if W0 is None else W0[:, k]
        W[:, k], gap, it, conv = enet_coordinate_descent(X, Y[:, k], l1, l2,
                                                         max_iter=max_iter, tol=tol, w0=w0)
        gaps.append(gap / n)   # scikit-learn reports the gap of the 1/n-scaled objective
        iters.append(it)
        ok &= conv
    return W, np.array(gaps), iters, ok


class ElasticNet(LinearPredictMixin, RegressorMixin, BaseEstimator):
    """Linear regression with a mix of L1 and L2 penalties, by coordinate descent.

    Minimises ``(1/2n)||y - Xw - b||² + α ρ ||w||₁ + (α(1-ρ)/2) ||w||²`` with
    ``ρ = l1_ratio``; ``ρ = 1`` is the lasso, ``ρ = 0`` ridge (with ``α`` scaled by ``n``).

    Parameters
    ----------
    alpha : float >= 0
    l1_ratio : float in [0, 1]
    fit_intercept : bool
    max_iter : int, sweeps over all coordinates
    tol : float, stop when the duality gap is below ``tol · ||y||²``

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,) or (n_targets, n_features)
    intercept_ : float or ndarray of shape (n_targets,)
    dual_gap_ : float or ndarray, the final duality gaps
    n_iter_ : int or list of int, sweeps used
    n_features_in_ : int
    """

    def __init__(self, alpha=1.0, *, l1_ratio=0.5, fit_intercept=True, max_iter=1000,
                 tol=1e-4):
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol

    def _l1_ratio(self) -> float:
        return float(check_scalar(self.l1_ratio, "l1_ratio", lo=0.0, hi=1.0))

    def fit(self, X, y, sample_weight=None):
        """Fit on ``X (n_samples, n_features)``, ``y (n_samples,)`` or ``(n_samples, k)``."""
        check_scalar(self.alpha, "alpha", lo=0.0)
        l1_ratio = self._l1_ratio()
        check_scalar(self.max_iter, "max_iter", int, lo=1)
        check_scalar(self.tol, "tol", lo=0.0)
        X, y, sw = check_X_y_regression(X, y, sample_weight, estimator=self)
        if sw is not None:
            # Weights are rescaled to sum to n_samples, so alpha means the same either way.
            sw = sw * (len(sw) / sw.sum())
        data = center_data(X, y, sw, self.fit_intercept)
        W, gaps, iters, ok = _fit_targets(data.X, data.y, float(self.alpha), l1_ratio,
                                          max_iter=self.max_iter, tol=self.tol)
        if not ok:
            warnings.warn(f"coordinate descent did not reach tol={self.tol:g} in "
                          f"{self.max_iter} sweeps (duality gap {gaps.max():.3g}); raise "
                          "max_iter or alpha, or scale the features", ConvergenceWarning,
                          stacklevel=2)
        self.n_features_in_ = X.shape[1]
        set_coef(self, W, data, self.fit_intercept)
        self.dual_gap_ = float(gaps[0]) if data.y_was_1d else gaps
        self.n_iter_ = iters[0] if data.y_was_1d else iters
        return self


class Lasso(ElasticNet):
    """Least squares with an L1 penalty: ``(1/2n)||y - Xw - b||² + α ||w||₁``.

    The :class:`ElasticNet` with ``l1_ratio = 1``; same parameters otherwise.
    """

    def __init__(self, alpha=1.0, *, fit_intercept=True, max_iter=1000, tol=1e-4):
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol

    def _l1_ratio(self) -> float:
        return 1.0


def enet_path(X, y, *, l1_ratio=0.5, eps=1e-3, n_alphas=100, alphas=None, max_iter=1000,
              tol=1e-4):
    """Elastic-net coefficients along a decreasing grid of ``alpha`` (warm-started).

    Like scikit-learn's, it fits no intercept: centre ``X`` and ``y`` first.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
    eps : float, ``alpha_min / alpha_max`` of the default grid
    n_alphas : int, number of grid points
    alphas : array-like or None, the grid to use instead (sorted decreasing)

    Returns
    -------
    alphas : ndarray of shape (n_alphas,), decreasing. The default grid starts at
        ``alpha_max = max_j |x_jᵀ y| / (n ρ)``, the smallest alpha with all coefficients 0.
    coefs : ndarray of shape (n_features, n_alphas)
    dual_gaps : ndarray of shape (n_alphas,)
    """
    check_scalar(l1_ratio, "l1_ratio", lo=0.0, hi=1.0)
    X, y, _ = check_X_y_regression(X, y)
    if y.ndim != 1:
        raise ValueError(f"y: expected shape (n_samples,), got {y.shape}")
    n = X.shape[0]
    if alphas is None:
        check_scalar(eps, "eps", lo=0.0, include_lo=False)
        check_scalar(n_alphas, "n_alphas", int, lo=1)
        if l1_ratio == 0:
            raise ValueError("l1_ratio: the automatic alpha grid needs l1_ratio > 0; pass alphas")
        alpha_max = float(np.max(np.abs(X.T @ y))) / (n * l1_ratio)
        if alpha_max == 0.0:
            alpha_max = np.finfo(float).resolution
        alphas = np.geomspace(alpha_max, alpha_max * eps, n_alphas)
    else:
        alphas = np.sort(np.asarray(alphas, dtype=float))[::-1]
    coefs = np.zeros((X.shape[1], len(alphas)))
    gaps = np.zeros(len(alphas))
    w = None
    for i, alpha in enumerate(alphas):
        # Warm start: the solution at the previous alpha is close to this one.
        W, g, _, ok = _fit_targets(X, y[:, None], float(alpha), float(l1_ratio),
                                   max_iter=max_iter, tol=tol, W0=w)
        if not ok:
            warnings.warn(f"coordinate descent did not converge at alpha={alpha:.3g}",
                          ConvergenceWarning, stacklevel=2)
        w = W
        coefs[:, i], gaps[i] = W[:, 0], g[0]
    return alphas, coefs, gaps


def lasso_path(X, y, *, eps=1e-3, n_alphas=100, alphas=None, max_iter=1000, tol=1e-4):
    """Lasso coefficients along a decreasing ``alpha`` grid: :func:`enet_path` with ρ = 1."""
    return enet_path(X, y, l1_ratio=1.0, eps=eps, n_alphas=n_alphas, alphas=alphas,
                     max_iter=max_iter, tol=tol)
