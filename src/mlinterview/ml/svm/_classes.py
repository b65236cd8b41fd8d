"""``SVC`` (kernel SVM by SMO, one-vs-one) and ``LinearSVC`` (linear SVM, liblinear's solvers).

Both follow scikit-learn's names, parameters and fitted attributes. ``SVC`` reproduces
LIBSVM: for ``k`` classes it trains ``k(k-1)/2`` binary machines, one per pair ``(a, b)``
with ``a < b``, support vectors grouped by class, ``dual_coef_`` of shape
``(k - 1, n_SV)`` in LIBSVM's layout, and prediction by majority vote.
"""

from __future__ import annotations

import numbers
import warnings

import numpy as np
from scipy.linalg.blas import daxpy, ddot

from mlinterview.ml._numba import njit, use_numba
from mlinterview.ml._validation import (
    check_is_fitted,
    check_option,
    check_predict_X,
    check_random_state,
    check_scalar,
    check_X_y,
    encode_labels,
)
from mlinterview.ml.base import BaseEstimator, ClassifierMixin
from mlinterview.ml.exceptions import ConvergenceWarning
from mlinterview.ml.svm._smo import KernelCache, kernel_block, smo
from mlinterview.ml.svm.kernels import KERNELS


def _check_X_y(X, y, estimator):
    X, y = check_X_y(X, y, estimator=estimator)
    classes, y_idx = encode_labels(y, min_classes=2)
    return X.astype(np.float64, copy=False), classes, y_idx


def _check_X_predict(est, X) -> np.ndarray:
    return check_predict_X(est, X, ["classes_"]).astype(np.float64, copy=False)


def ovr_decision_function(dec: np.ndarray, n_classes: int) -> np.ndarray:
    """One-vs-one decisions ``(n, k(k-1)/2)`` -> one-vs-rest shape ``(n, k)``.

    Each class gets its number of pairwise votes plus a squashed sum of its pairwise
    confidences (in ``(-1/3, 1/3)``), which only breaks ties between equal vote counts —
    scikit-learn's ``decision_function_shape="ovr"``.
    """
    n = dec.shape[0]
    votes = np.zeros((n, n_classes))
    conf = np.zeros((n, n_classes))
    a, b = np.triu_indices(n_classes, k=1)          # the pairs in LIBSVM's order
    np.add.at(votes.T, a, (dec > 0).T)
    np.add.at(votes.T, b, (dec <= 0).T)
    np.add.at(conf.T, a, dec.T)
    np.add.at(conf.T, b, -dec.T)
    return votes + conf / (3 * (np.abs(conf) + 1))


class SVC(ClassifierMixin, BaseEstimator):
    """Soft-margin kernel SVM, ``min ½||w||² + C Σ max(0, 1 - y_i f(x_i))``, solved in the dual.

    Parameters
    ----------
    C : float > 0
        Cost of margin violations; large C fits the training data harder (less margin).
    kernel : {"linear", "poly", "rbf", "sigmoid"}
    degree : int
        Degree of the poly kernel.
    gamma : "scale", "auto" or float > 0
        ``"scale"`` is ``1 / (n_features * X.var())``, ``"auto"`` is ``1 / n_features``.
    coef0 : float
        Offset in the poly and sigmoid kernels.
    tol : float
        Stop when the largest KKT violation (LIBSVM's ``m(α) - M(α)``) is below ``tol``.
    cache_size : float
        Kernel cache in MB.
    max_iter : int
        SMO steps per binary problem; ``-1`` for LIBSVM's own limit.
    decision_function_shape : {"ovr", "ovo"}

    Attributes
    ----------
    support_ : (n_SV,) indices of the support vectors, grouped by class.
    support_vectors_ : (n_SV, n_features)
    n_support_ : (n_classes,) number of support vectors per class.
    dual_coef_ : (n_classes - 1, n_SV) ``y_i α_i`` in LIBSVM's one-vs-one layout.
    intercept_ : (n_classes (n_classes - 1) / 2,)
    classes_, n_features_in_, n_iter_, fit_status_.

    Not implemented: ``class_weight``, ``probability`` (Platt scaling), ``shrinking`` (the
    solver never shrinks; the optimum is the same), ``break_ties``, precomputed kernels.
    """

    def __init__(self, *, C=1.0, kernel="rbf", degree=3, gamma="scale", coef0=0.0,
                 tol=1e-3, cache_size=200, max_iter=-1, decision_function_shape="ovr"):
        self.C = C
        self.kernel = kernel
        self.degree = degree
        self.gamma = gamma
        self.coef0 = coef0
        self.tol = tol
        self.cache_size = cache_size
        self.max_iter = max_iter
        self.decision_function_shape = decision_function_shape

    def _check_params(self):
        check_scalar(self.C, "C", lo=0.0, include_lo=False)
        check_option(self.kernel, "kernel", KERNELS)
        check_scalar(self.degree, "degree", numbers.Integral, lo=0)
        check_scalar(self.coef0, "coef0")
        check_scalar(self.tol, "tol", lo=0.0, include_lo=False)
        check_scalar(self.cache_size, "cache_size", lo=0.0, include_lo=False)
        check_scalar(self.max_iter, "max_iter", numbers.Integral, lo=-1)
        check_option(self.decision_function_shape, "decision_function_shape", ("ovr", "ovo"))
        if isinstance(self.gamma, str):
            check_option(self.gamma, "gamma", ("scale", "auto"))
        else:
            check_scalar(self.gamma, "gamma", lo=0.0)

    def _kernel_params(self):
        return self.kernel, self._gamma, self.degree, float(self.coef0)

    def fit(self, X, y):
        """Fit on ``X (n_samples, n_features)`` and labels ``y (n_samples,)``; returns self."""
        self._check_params()
        X, classes, y_idx = _check_X_y(X, y, self)
        if self.gamma == "scale":
            var = X.var()
            self._gamma = 1.0 / (X.shape[1] * var) if var != 0 else 1.0
        elif self.gamma == "auto":
            self._gamma = 1.0 / X.shape[1]
        else:
            self._gamma = float(self.gamma)
        k = len(classes)
        # Samples grouped by class, each group in its original order (LIBSVM's layout).
        order = np.argsort(y_idx, kind="stable")
        starts = np.searchsorted(y_idx[order], np.arange(k + 1))
        alphas = {}                       # (a, b) -> α over the samples of classes a and b
        rhos, n_iter, ok = [], [], True
        for a, b in zip(*np.triu_indices(k, k=1), strict=True):
            idx = np.concatenate([order[starts[a]:starts[a + 1]], order[starts[b]:starts[b + 1]]])
            yy = np.where(y_idx[idx] == a, 1.0, -1.0)     # LIBSVM: the first class is +1
            cache = KernelCache(X[idx], *self._kernel_params(), cache_size=self.cache_size)
            alpha, rho, it, conv = smo(cache, yy, float(self.C), float(self.tol),
                                       int(self.max_iter))
            alphas[a, b] = (idx, yy * alpha)
            rhos.append(rho)
            n_iter.append(it)
            ok &= conv
        if not ok:
            warnings.warn(f"SMO stopped at max_iter={self.max_iter} before the KKT conditions "
                          f"held within tol={self.tol:g}", ConvergenceWarning, stacklevel=2)
        # A sample is a support vector if it has a non-zero α in any of its pairs.
        is_sv = np.zeros(len(y_idx), dtype=bool)
        for idx, coef in alphas.values():
            is_sv[idx[coef != 0]] = True
        support = order[is_sv[order]]
        position = np.full(len(y_idx), -1)
        position[support] = np.arange(len(support))
        dual = np.zeros((max(k - 1, 1), len(support)))
        for (a, b), (idx, coef) in alphas.items():
            nz = coef != 0
            cls = y_idx[idx[nz]]
            # LIBSVM: class a's coefficients go in row b - 1, class b's in row a.
            rows = np.where(cls == a, b - 1, a)
            dual[rows, position[idx[nz]]] = coef[nz]
        self.classes_ = classes
        self.support_ = support
        self.support_vectors_ = X[support]
        self.n_support_ = np.bincount(y_idx[support], minlength=k).astype(np.int32)
        self._dual_coef_ = dual
        self._intercept_ = -np.asarray(rhos)
        self.n_iter_ = np.asarray(n_iter)
        self.fit_status_ = 0 if ok else 1
        self.shape_fit_ = X.shape
        self.n_features_in_ = X.shape[1]
        if k == 2:
            # scikit-learn flips the binary machine so that a positive score means classes_[1].
            self.dual_coef_, self.intercept_ = -dual, -self._intercept_
        else:
            self.dual_coef_, self.intercept_ = dual, self._intercept_.copy()
        return self

    @property
    def coef_(self) -> np.ndarray:
        """Primal weights ``(n_classes (n_classes - 1) / 2, n_features)``, linear kernel only."""
        check_is_fitted(self)
        if self.kernel != "linear":
            raise AttributeError("coef_ is only available when kernel='linear'")
        k = len(self.classes_)
        bounds = np.concatenate([[0], np.cumsum(self.n_support_)])
        rows = []
        for a, b in zip(*np.triu_indices(k, k=1), strict=True):
            sa, sb = slice(bounds[a], bounds[a + 1]), slice(bounds[b], bounds[b + 1])
            rows.append(self._dual_coef_[b - 1, sa] @ self.support_vectors_[sa]
                        + self._dual_coef_[a, sb] @ self.support_vectors_[sb])
        coef = np.array(rows)
        return -coef if k == 2 else coef

    def _ovo_decision(self, X) -> np.ndarray:
        """LIBSVM's pairwise scores ``(n, k(k-1)/2)``; positive favours the first class."""
        K = kernel_block(X, self.support_vectors_, *self._kernel_params())
        k = len(self.classes_)
        bounds = np.concatenate([[0], np.cumsum(self.n_support_)])
        out = np.empty((len(X), k * (k - 1) // 2))
        for p, (a, b) in enumerate(zip(*np.triu_indices(k, k=1), strict=True)):
            sa, sb = slice(bounds[a], bounds[a + 1]), slice(bounds[b], bounds[b + 1])
            out[:, p] = (K[:, sa] @ self._dual_coef_[b - 1, sa]
                         + K[:, sb] @ self._dual_coef_[a, sb] + self._intercept_[p])
        return out

    def decision_function(self, X) -> np.ndarray:
        """Scores: ``(n,)`` for two classes (positive means ``classes_[1]``); otherwise
        ``(n, k)`` for ``"ovr"`` or ``(n, k(k-1)/2)`` for ``"ovo"``."""
        X = _check_X_predict(self, X)
        dec = self._ovo_decision(X)
        k = len(self.classes_)
        if k == 2:
            return -dec[:, 0]
        if self.decision_function_shape == "ovr":
            return ovr_decision_function(dec, k)
        return dec

    def predict(self, X) -> np.ndarray:
        """Class labels ``(n,)`` by one-vs-one majority vote (ties to the lower class)."""
        X = _check_X_predict(self, X)
        dec = self._ovo_decision(X)
        k = len(self.classes_)
        votes = np.zeros((len(X), k), dtype=np.int64)
        a, b = np.triu_indices(k, k=1)
        np.add.at(votes.T, a, (dec > 0).T)
        np.add.at(votes.T, b, (dec <= 0).T)
        return self.classes_[votes.argmax(axis=1)]


class LinearSVC(ClassifierMixin, BaseEstimator):
    """Linear SVM ``min ½||w||² + C Σ loss(y_i (w·x_i + b))``, one-vs-rest for k > 2.

    ``loss="hinge"`` is ``max(0, 1 - m)``; ``"squared_hinge"`` is ``max(0, 1 - m)²``.
    As in liblinear (and scikit-learn), the intercept is learnt as the weight of a constant
    feature equal to ``intercept_scaling``, so it *is* penalised.

    Solvers (``dual``):

    * ``True`` — dual coordinate descent with shrinking (Hsieh et al. 2008): one multiplier
      at a time, exact 1-D minimisation clipped to ``[0, U]`` (``U = C`` for hinge, ∞ for
      squared hinge, which adds ``1/(2C)`` to the diagonal). A sequential loop over samples:
      compiled by Numba when it is installed (``_dual_cd_compiled``), else in Python
      (``_dual_cd``, the readable reference; both take the same steps).
    * ``False`` — primal Newton for the squared hinge (differentiable once): the
      generalised Hessian ``I + 2C X_Aᵀ X_A`` over the active set ``A``, plus a line
      search; vectorised, a few iterations.
    * ``"auto"`` — primal when ``n_samples > n_features`` and the loss is squared hinge.
    """

    def __init__(self, penalty="l2", loss="squared_hinge", *, dual="auto", tol=1e-4, C=1.0,
                 fit_intercept=True, intercept_scaling=1.0, random_state=None, max_iter=1000):
        self.penalty = penalty
        self.loss = loss
        self.dual = dual
        self.tol = tol
        self.C = C
        self.fit_intercept = fit_intercept
        self.intercept_scaling = intercept_scaling
        self.random_state = random_state
        self.max_iter = max_iter

    def fit(self, X, y):
        """Fit on ``X (n_samples, n_features)`` and labels ``y (n_samples,)``; returns self."""
        check_option(self.penalty, "penalty", ("l2",))
        check_option(self.loss, "loss", ("hinge", "squared_hinge"))
        check_option(self.dual, "dual", ("auto", True, False))
        check_scalar(self.tol, "tol", lo=0.0, include_lo=False)
        check_scalar(self.C, "C", lo=0.0, include_lo=False)
        check_scalar(self.intercept_scaling, "intercept_scaling", lo=0.0, include_lo=False)
        check_scalar(self.max_iter, "max_iter", numbers.Integral, lo=1)
        if self.loss == "hinge" and self.dual is False:
            raise ValueError("dual: loss='hinge' is only solved in the dual; use dual=True")
        X, classes, y_idx = _check_X_y(X, y, self)
        rng = check_random_state(self.random_state)
        n, d = X.shape
        dual = self.dual
        if dual == "auto":
            dual = not (self.loss == "squared_hinge" and n > d)
        Xd = np.hstack([X, np.full((n, 1), float(self.intercept_scaling))]) \
            if self.fit_intercept else X
        targets = [1] if len(classes) == 2 else range(len(classes))
        W, n_iter, ok = [], 0, True
        for c in targets:
            yy = np.where(y_idx == c, 1.0, -1.0)
            if dual:
                solver = _dual_cd_compiled if use_numba() else _dual_cd
                w, it, conv = solver(Xd, yy, float(self.C), self.loss, float(self.tol),
                                       int(self.max_iter), rng)
            else:
                w, it, conv = _primal_newton(Xd, yy, float(self.C), float(self.tol),
                                             int(self.max_iter))
            W.append(w)
            n_iter = max(n_iter, it)
            ok &= conv
        if not ok:
            warnings.warn(f"LinearSVC did not converge in max_iter={self.max_iter} "
                          f"(tol={self.tol:g}); raise max_iter or scale the data",
                          ConvergenceWarning, stacklevel=2)
        W = np.array(W)
        if self.fit_intercept:
            self.coef_ = W[:, :-1].copy()
            self.intercept_ = W[:, -1] * float(self.intercept_scaling)
        else:
            self.coef_, self.intercept_ = W, np.zeros(len(W))
        self.classes_ = classes
        self.n_iter_ = n_iter
        self.n_features_in_ = d
        return self

    def decision_function(self, X) -> np.ndarray:
        """``X w + b``: shape ``(n,)`` for two classes, else ``(n, n_classes)``."""
        X = _check_X_predict(self, X)
        scores = X @ self.coef_.T + self.intercept_
        return scores[:, 0] if len(self.classes_) == 2 else scores

    def predict(self, X) -> np.ndarray:
        """Class labels ``(n,)``: the sign of the score, or the largest one-vs-rest score."""
        scores = self.decision_function(X)
        if scores.ndim == 1:
            return self.classes_[(scores > 0).astype(int)]
        return self.classes_[scores.argmax(axis=1)]


def _dual_cd(X, y, C, loss, tol, max_iter, rng):
    """Dual coordinate descent of liblinear for the L2-regularised (squared) hinge loss.

    Dual: ``min_α ½ αᵀ(Q + D)α - Σα``, ``0 ≤ α ≤ U``, ``Q_ij = y_i y_j x_i·x_j``; the primal
    weights ``w = Σ y_i α_i x_i`` are kept up to date so each coordinate's gradient
    ``y_i w·x_i - 1 + D_ii α_i`` costs one dot product. The step on ``α_i`` is the exact
    1-D minimiser, clipped to the box.

    Shrinking (Hsieh et al. 2008, Algorithm 3): a multiplier stuck at a bound whose gradient
    points out of the box by more than last epoch's largest violation is dropped from the
    active set; when the active set meets ``tol``, every sample is re-checked before
    stopping. Stops when the spread of the projected gradient over an epoch is below ``tol``.
    Returns ``(w, epochs, converged)``.
    """
    n, d = X.shape
    U, Dii = (C, 0.0) if loss == "hinge" else (np.inf, 0.5 / C)
    QD = (np.einsum("ij,ij->i", X, X) + Dii).tolist()
    rows, ys = list(np.ascontiguousarray(X)), y.tolist()
    alpha = [0.0] * n
    w = np.zeros(d)
    index = list(range(n))
    active = n
    pg_max_old, pg_min_old = np.inf, -np.inf
    for epoch in range(1, max_iter + 1):
        pg_max, pg_min = -np.inf, np.inf
        head = index[:active]
        rng.shuffle(head)                     # visit the active set in a random order
        index[:active] = head
        s = 0
        while s < active:                     # sequential: each step sees the updated w
            i = index[s]
            xi, yi, ai = rows[i], ys[i], alpha[i]
            g = yi * ddot(w, xi) - 1.0 + Dii * ai       # BLAS: cheaper than @ on one row
            pg = 0.0
            if ai == 0.0:
                if g > pg_max_old:            # at 0 and pushing below it: shrink
                    active -= 1
                    index[s], index[active] = index[active], index[s]
                    continue
                pg = min(g, 0.0)
            elif ai == U:
                if g < pg_min_old:            # at C and pushing above it: shrink
                    active -= 1
                    index[s], index[active] = index[active], index[s]
                    continue
                pg = max(g, 0.0)
            else:
                pg = g
            pg_max, pg_min = max(pg_max, pg), min(pg_min, pg)
            if abs(pg) > 1e-12:
                new = min(max(ai - g / QD[i], 0.0), U)
                w = daxpy(xi, w, a=(new - ai) * yi)     # w += Δα_i y_i x_i
                alpha[i] = new
            s += 1
        if pg_max - pg_min <= tol:
            if active == n:
                return w, epoch, True
            active = n                        # check the shrunk samples before stopping
            pg_max_old, pg_min_old = np.inf, -np.inf
            continue
        pg_max_old = pg_max if pg_max > 0 else np.inf
        pg_min_old = pg_min if pg_min < 0 else -np.inf
    return w, max_iter, False


def _dual_cd_compiled(X, y, C, loss, tol, max_iter, rng):
    """:func:`_dual_cd` with each epoch's inner loop compiled by Numba (same steps).

    The epochs, the shuffles (the same ``rng`` calls, so the same visiting order) and the
    stopping rule stay here in Python; :func:`_dual_cd_epoch` runs one pass over the
    active set. Returns ``(w, epochs, converged)``.
    """
    n, d = X.shape
    X = np.ascontiguousarray(X, dtype=np.float64)
    y = np.ascontiguousarray(y, dtype=np.float64)
    U, Dii = (C, 0.0) if loss == "hinge" else (np.inf, 0.5 / C)
    QD = np.einsum("ij,ij->i", X, X) + Dii
    alpha = np.zeros(n)
    w = np.zeros(d)
    index = np.arange(n, dtype=np.int64)
    active = n
    pg_max_old, pg_min_old = np.inf, -np.inf
    for epoch in range(1, max_iter + 1):
        rng.shuffle(index[:active])           # the same permutation as on a list
        active, pg_max, pg_min = _dual_cd_epoch(X, y, QD, alpha, w, index, active,
                                                float(U), float(Dii), pg_max_old, pg_min_old)
        if pg_max - pg_min <= tol:
            if active == n:
                return w, epoch, True
            active = n
            pg_max_old, pg_min_old = np.inf, -np.inf
            continue
        pg_max_old = pg_max if pg_max > 0 else np.inf
        pg_min_old = pg_min if pg_min < 0 else -np.inf
    return w, max_iter, False


@njit(cache=True, nogil=True)
def _dual_cd_epoch(X, y, QD, alpha, w, index, active, U, Dii, pg_max_old, pg_min_old):
    """One epoch of :func:`_dual_cd` over ``index[:active]``, compiled; updates ``alpha``,
    ``w`` and ``index`` in place. Returns ``(active, pg_max, pg_min)``."""
    d = w.shape[0]
    pg_max, pg_min = -np.inf, np.inf
    s = 0
    while s < active:
        i = index[s]
        xi = X[i]
        ai = alpha[i]
        g = y[i] * np.dot(w, xi) - 1.0 + Dii * ai       # np.dot: the same BLAS ddot
        pg = 0.0
        if ai == 0.0:
            if g > pg_max_old:
                active -= 1
                index[s], index[active] = index[active], index[s]
                continue
            pg = min(g, 0.0)
        elif ai == U:
            if g < pg_min_old:
                active -= 1
                index[s], index[active] = index[active], index[s]
                continue
            pg = max(g, 0.0)
        else:
            pg = g
        pg_max, pg_min = max(pg_max, pg), min(pg_min, pg)
        if abs(pg) > 1e-12:
            new = min(max(ai - g / QD[i], 0.0), U)
            a = (new - ai) * y[i]
            for k in range(d):
                w[k] += a * xi[k]
            alpha[i] = new
        s += 1
    return active, pg_max, pg_min


def _primal_newton(X, y, C, tol, max_iter):
    """Newton's method on ``½||w||² + C Σ max(0, 1 - y_i w·x_i)²`` (generalised Hessian).

    The scores ``z = X w`` are carried along, so the line search along a step ``s`` needs
    only ``X s`` once: ``f(w + t s)`` uses ``z + t X s``.
    Returns ``(w, iterations, converged)``; converged when ``||∇|| ≤ tol ||∇_0||``.
    """
    d = X.shape[1]
    w, z = np.zeros(d), np.zeros(len(y))

    def objective(w, z):
        slack = np.maximum(0.0, 1.0 - y * z)
        return 0.5 * w @ w + C * slack @ slack

    f = objective(w, z)
    g0 = None
    for it in range(1, max_iter + 1):
        margin = 1.0 - y * z
        active = margin > 0                 # only these samples have a non-zero loss
        Xa = X[active]
        grad = w - 2.0 * C * Xa.T @ (y[active] * margin[active])
        gnorm = np.linalg.norm(grad)
        g0 = gnorm if g0 is None else g0
        if gnorm <= tol * g0 or gnorm == 0:
            return w, it - 1, True
        H = np.eye(d) + 2.0 * C * (Xa.T @ Xa)
        step = np.linalg.solve(H, -grad)
        Xs = X @ step
        t = 1.0
        while True:                                   # Armijo backtracking
            f_new = objective(w + t * step, z + t * Xs)
            if f_new <= f + 0.01 * t * (grad @ step) or t < 1e-10:
                break
            t *= 0.5
        w, z, f = w + t * step, z + t * Xs, f_new
    return w, max_iter, False
