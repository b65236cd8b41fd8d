"""Logistic regression: a linear score turned into a probability by the sigmoid (binary)
or the softmax (multinomial), fitted by minimising the penalised log loss.

Objective (scikit-learn's), with sample weights ``s_i`` (times class weights)::

    C · sum_i s_i · CE(softmax(W x_i + b), y_i)  +  penalty(W)

where ``CE`` is the cross-entropy (the negative log-likelihood) and the penalty is
``½||W||²`` ("l2"), ``||W||₁`` ("l1") or nothing (``None``). The intercept is never
penalised. With two classes a single score ``z = w·x + b`` and the sigmoid are used.

Solvers:

* ``"newton"``: Newton's method with the exact Hessian and a backtracking line search;
  for two classes this is IRLS (iteratively reweighted least squares, weights
  ``p(1-p)``). Quadratic convergence, ``O((Kp)³)`` per step: for small ``p``. L2 or none.
* ``"lbfgs"``: quasi-Newton from ``scipy.optimize`` on the same loss and gradient. For
  the L1 penalty the weights are split as ``w = u - v`` with ``u, v >= 0`` so that
  ``||w||₁ = sum(u + v)`` is smooth on the feasible set; L-BFGS-B handles the bounds and
  leaves exact zeros at them.
* ``"cd"``: coordinate descent inside a proximal Newton loop (the glmnet / newGLMNET
  scheme, Friedman, Hastie & Tibshirani 2010; Yuan, Ho & Lin 2012). Each outer step
  replaces the log loss by its second-order Taylor model around the current weights and
  minimises that model plus the exact penalty by cyclic coordinate descent, where every
  penalised coordinate gets the soft-thresholding update of the Lasso; a backtracking line
  search on the true objective then takes the step. Zeros come out exact, as in Lasso.
  Any penalty; its natural use is L1.
"""

from __future__ import annotations

import warnings

import numpy as np
from scipy import optimize
from scipy.special import expit, log_expit, logsumexp, softmax

from mlinterview.ml._validation import (
    check_option,
    check_predict_X,
    check_sample_weight,
    check_scalar,
    check_X_y,
    encode_labels,
)
from mlinterview.ml.base import BaseEstimator, ClassifierMixin
from mlinterview.ml.exceptions import ConvergenceWarning
from mlinterview.ml.imbalance import compute_class_weight

PENALTIES = ("l2", "l1", None)
SOLVERS = ("lbfgs", "newton", "cd")


def _design(X: np.ndarray, fit_intercept: bool) -> np.ndarray:
    """``X`` with a column of ones appended when fitting an intercept: ``(n, p [+1])``."""
    return np.hstack([X, np.ones((len(X), 1))]) if fit_intercept else X


def log_loss_and_grad(theta: np.ndarray, Xd: np.ndarray, Y: np.ndarray, s: np.ndarray,
                      binary: bool) -> tuple[float, np.ndarray]:
    """Weighted cross-entropy and its gradient for parameters ``theta`` (flattened).

    ``Xd (n, d)``; binary: ``theta (d,)``, ``Y (n,)`` in {0, 1}; multinomial:
    ``theta (K*d,)`` as rows of ``W (K, d)``, ``Y (n, K)`` one-hot. The gradient of the
    cross-entropy with respect to the scores is ``p - y``, so ``∇ = Xdᵀ (s (p - y))``.
    """
    if binary:
        z = Xd @ theta
        # -log p(y|x) = log(1 + e^z) - y z = -log σ(z) for y=1, -log σ(-z) for y=0
        loss = -np.sum(s * np.where(Y == 1, log_expit(z), log_expit(-z)))
        return float(loss), Xd.T @ (s * (expit(z) - Y))
    W = theta.reshape(Y.shape[1], -1)
    Z = Xd @ W.T
    lse = logsumexp(Z, axis=1)          # log sum exp, computed without overflow
    loss = float(np.sum(s * (lse - np.sum(Z * Y, axis=1))))
    P = np.exp(Z - lse[:, None])
    return loss, ((P - Y) * s[:, None]).T.dot(Xd).ravel()


def _split_loss_and_grad(theta: np.ndarray, X: np.ndarray, target: np.ndarray, s: np.ndarray,
                         n_rows: int, fit_intercept: bool) -> tuple[float, np.ndarray]:
    """:func:`log_loss_and_grad` on ``X (n, p)`` without the column of ones: the same loss
    and gradient, ``theta`` laid out the same (``(n_rows, p [+1])`` flattened, intercept
    last), but the intercept is added to the scores instead of being a column of ``X``.

    Binary (``n_rows == 1``): ``target (n,)`` is the sign ``2y - 1`` in {-1, +1}.
    Multinomial: ``target (n,)`` holds each row's flat index ``i K + y_i`` into the
    ``(n, K)`` score matrix. Returns ``(loss, grad (n_rows * d,))``. One product with
    ``X`` for the scores and one for the gradient, no ``(n, p+1)`` copy of ``X``, and a
    single ``exp`` per score serves both the loss and the probabilities.
    """
    p = X.shape[1]
    d = p + 1 if fit_intercept else p
    grad = np.empty(n_rows * d)
    if n_rows == 1:
        t = X @ theta[:p]
        if fit_intercept:
            t += theta[p]
        t *= target                      # the margin: positive when the sign is right
        # -log p(y|x) = log(1 + e^(-t)) = log1p(e^(-|t|)) + max(-t, 0), never overflowing
        e = np.exp(-np.abs(t))
        loss = float(s @ np.log1p(e)) - float(s @ np.minimum(t, 0.0))
        # d loss / d score = -sign σ(-t), with σ(-t) = e/(1+e) for t >= 0, 1/(1+e) else
        q = 1.0 / (1.0 + e)
        r = np.where(t >= 0, e * q, q)
        r *= s
        r *= target
        grad[:p] = r @ X
        grad[:p] *= -1.0
        if fit_intercept:
            grad[p] = -r.sum()
        return loss, grad
    W = theta.reshape(n_rows, d)
    Z = np.ascontiguousarray(X @ W[:, :p].T)     # C order: Z.ravel() below is a view
    if fit_intercept:
        Z += W[:, p]
    # Subtract each row's largest score: softmax and log-sum-exp without overflow. NumPy
    # reduces a short last axis slowly, so the row maximum is taken column by column (a
    # loop over the K classes) and the row sums are products with a vector of ones.
    top = Z[:, 0].copy()
    for k in range(1, n_rows):
        np.maximum(top, Z[:, k], out=top)
    Z -= top[:, None]
    z_true = Z.ravel()[target]
    np.exp(Z, out=Z)
    total = Z @ np.ones(n_rows)
    loss = float(s @ np.log(total)) - float(s @ z_true)
    Z *= (s / total)[:, None]            # s (p - y), the gradient w.r.t. the scores
    Z.ravel()[target] -= s
    G = grad.reshape(n_rows, d)
    G[:, :p] = Z.T @ X
    if fit_intercept:
        G[:, p] = np.ones(len(Z)) @ Z
    return loss, grad


def log_loss_hessian(theta, Xd, Y, s, binary) -> np.ndarray:
    """Hessian of :func:`log_loss_and_grad`: ``Xdᵀ diag(s p(1-p)) Xd`` (binary) or the
    ``(K d, K d)`` block matrix with blocks ``Xdᵀ diag(s (p_k δ_kl - p_k p_l)) Xd``."""
    if binary:
        p = expit(Xd @ theta)
        return (Xd * (s * p * (1 - p))[:, None]).T @ Xd
    K, d = Y.shape[1], Xd.shape[1]
    P = softmax(Xd @ theta.reshape(K, d).T, axis=1)
    # curvature[i, k, l] = s_i (p_ik δ_kl - p_ik p_il)
    curv = s[:, None, None] * (np.einsum("ik,kl->ikl", P, np.eye(K))
                               - P[:, :, None] * P[:, None, :])
    # One matrix product per class k (a loop over classes, not samples):
    # H[k, a, l, b] = sum_i Xd[i, a] curv[i, k, l] Xd[i, b].
    n = Xd.shape[0]
    H = np.empty((K, d, K, d))
    for k in range(K):
        H[k] = (Xd.T @ (curv[:, k, :, None] * Xd[:, None, :]).reshape(n, K * d)).reshape(
            d, K, d)
    return H.reshape(K * d, K * d)


def cd_quadratic_l1(H: np.ndarray, b: np.ndarray, l1: np.ndarray, w0: np.ndarray, *,
                    inner_tol: float, max_sweeps: int = 1000) -> np.ndarray:
    """Minimise ``½ wᵀHw - bᵀw + sum_j l1_j |w_j|`` by cyclic coordinate descent.

    ``H (m, m)`` positive semi-definite, ``b, l1, w0 (m,)``. One coordinate at a time the
    problem is a one-dimensional quadratic plus ``l1_j |w_j|``, solved exactly by
    soft-thresholding: ``w_j ← S(b_j - (Hw)_j + H_jj w_j, l1_j) / H_jj``. ``Hw`` is updated
    in ``O(m)`` after each change. Sweeps stop when no coordinate moved the gradient by more
    than ``inner_tol`` (``max_j H_jj |Δw_j|``). Returns ``w (m,)``.
    """
    w = w0.astype(np.float64, copy=True)
    Hw = H @ w
    diag = np.diag(H).copy()
    for _ in range(max_sweeps):
        biggest = 0.0
        for j in range(w.size):          # sequential by nature: each update uses the last
            hjj = diag[j]
            if hjj <= 0.0:
                continue
            old = w[j]
            z = b[j] - Hw[j] + hjj * old
            new = np.sign(z) * max(abs(z) - l1[j], 0.0) / hjj
            if new != old:
                Hw += H[:, j] * (new - old)
                w[j] = new
                biggest = max(biggest, hjj * abs(new - old))
        if biggest <= inner_tol:
            break
    return w


def _backtrack(objective, theta, f, step, slope, c):
    """Armijo backtracking along ``step``: halve ``t`` from 1 until
    ``objective(theta + t step)`` is at most ``f + c t slope`` (``slope < 0``, the predicted
    decrease per unit step) or ``t < 1e-10``. Returns ``t`` and the objective's value and
    gradient there."""
    t = 1.0
    while True:
        f_new, g_new = objective(theta + t * step)
        if f_new <= f + c * t * slope or t < 1e-10:
            return t, f_new, g_new
        t *= 0.5


class LogisticRegression(ClassifierMixin, BaseEstimator):
    """Binary and multinomial logistic regression with L2, L1 or no penalty.

    Parameters
    ----------
    penalty : {"l2", "l1", None}
    C : float > 0, inverse penalty strength (larger C = weaker penalty)
    fit_intercept : bool
    class_weight : dict, "balanced" or None. "balanced" weights class ``c`` by
        ``total weight / (n_classes * weight of class c)`` (``n / (K n_c)`` unweighted).
    solver : {"lbfgs", "newton", "cd"} (``"newton"`` supports "l2" and None; ``"cd"``,
        coordinate descent on a local quadratic model, supports every penalty)
    max_iter : int
    tol : float, tolerance on the gradient of the objective divided by
        ``C * sum(sample weights)`` (scikit-learn's scaling: a mean per-sample gradient)

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    coef_ : ndarray of shape (1, n_features) for two classes, else (n_classes, n_features)
    intercept_ : ndarray of shape (1,) or (n_classes,)
    n_iter_ : ndarray of shape (1,)
    n_features_in_ : int
    """

    def __init__(self, penalty="l2", *, C=1.0, fit_intercept=True, class_weight=None,
                 solver="lbfgs", max_iter=100, tol=1e-4):
        self.penalty = penalty
        self.C = C
        self.fit_intercept = fit_intercept
        self.class_weight = class_weight
        self.solver = solver
        self.max_iter = max_iter
        self.tol = tol

    # -- fitting -------------------------------------------------------------------------

    def _sample_weights(self, y: np.ndarray, y_idx: np.ndarray, sw) -> np.ndarray:
        """Sample weights times class weights, shape (n_samples,)."""
        s = np.ones(len(y_idx)) if sw is None else sw.astype(float)
        if self.class_weight is None:
            return s
        if not isinstance(self.class_weight, (str, dict)):
            raise TypeError(f"class_weight: expected a dict, 'balanced' or None, got "
                            f"{self.class_weight!r}")
        # "balanced" counts sample weights towards each class total, as scikit-learn does.
        per_class = compute_class_weight(self.class_weight, classes=self.classes_, y=y,
                                         sample_weight=s)
        return s * per_class[y_idx]

    def fit(self, X, y, sample_weight=None):
        """Fit on ``X (n_samples, n_features)`` and labels ``y (n_samples,)``."""
        check_option(self.penalty, "penalty", PENALTIES)
        check_option(self.solver, "solver", SOLVERS)
        check_scalar(self.C, "C", lo=0.0, include_lo=False)
        check_scalar(self.max_iter, "max_iter", int, lo=1)
        check_scalar(self.tol, "tol", lo=0.0)
        if self.solver == "newton" and self.penalty == "l1":
            raise ValueError("solver: 'newton' needs a smooth loss; use solver='cd' or 'lbfgs' for "
                             "penalty='l1'")
        X, y = check_X_y(X, y, estimator=self)
        X = X.astype(np.float64, copy=False)
        sw = check_sample_weight(sample_weight, len(y), allow_all_zero=False)
        self.classes_, y_idx = encode_labels(y, min_classes=2)
        K = len(self.classes_)
        s = self._sample_weights(y, y_idx, sw)
        binary = K == 2
        n_rows, d = (1 if binary else K), X.shape[1] + int(bool(self.fit_intercept))
        total = float(s.sum())
        if not total > 0:
            raise ValueError("sample_weight: expected a positive total weight (after class "
                             f"weights), got {total:g}")
        # The solvers minimise the objective divided by C * sum(weights), scikit-learn's
        # scaling: the optimum is the same, and tol then means the same as there (a mean
        # per-sample gradient), whatever n and C are.
        s /= total
        pen = 1.0 / (float(self.C) * total)
        if self.solver == "lbfgs":
            # The L-BFGS objective takes X as it is (no column of ones) and the labels as
            # signs (binary) or flat indices into the (n, K) scores (multinomial).
            target = (2.0 * y_idx - 1.0 if binary
                      else np.arange(len(y_idx)) * K + y_idx)
            if not (X.flags.c_contiguous or X.flags.f_contiguous):
                X = np.ascontiguousarray(X)   # one copy, not one inside every product
            theta, n_iter, ok = self._fit_lbfgs(X, target, s, n_rows, d, pen)
        else:
            Y = y_idx.astype(float) if binary else np.eye(K)[y_idx]
            fit = {"newton": self._fit_newton, "cd": self._fit_cd}[self.solver]
            theta, n_iter, ok = fit(_design(X, self.fit_intercept), Y, s, binary, n_rows, d,
                                    pen)
        if not ok:
            warnings.warn(f"{self.solver} did not converge in {self.max_iter} iterations "
                          f"(tol={self.tol:g}); raise max_iter or scale the data",
                          ConvergenceWarning, stacklevel=2)
        W = theta.reshape(n_rows, d)
        if not binary:
            # Adding one vector to every class's row of W changes no probability. Along
            # such a shift the unpenalised entries (the intercepts; every entry without a
            # penalty) leave the objective unchanged: the gradient solvers never move that
            # way from 0, coordinate descent may. Centring picks the same representative.
            free = self._penalty_mask(1, d) == 0 if self.penalty is not None else slice(None)
            W[:, free] -= W[:, free].mean(axis=0)
        if self.fit_intercept:
            self.coef_, self.intercept_ = W[:, :-1].copy(), W[:, -1].copy()
        else:
            self.coef_, self.intercept_ = W, np.zeros(n_rows)
        self.n_iter_ = np.array([n_iter])
        self.n_features_in_ = X.shape[1]
        return self

    def _penalty_mask(self, n_rows: int, d: int) -> np.ndarray:
        """1 for penalised entries of theta, 0 for the intercept column."""
        mask = np.ones((n_rows, d))
        if self.fit_intercept:
            mask[:, -1] = 0.0
        return mask.ravel()

    def _fit_lbfgs(self, X, target, s, n_rows, d, pen):
        mask = pen * self._penalty_mask(n_rows, d)
        m = mask.size
        fit_intercept = bool(self.fit_intercept)
        opts = {"maxiter": self.max_iter, "gtol": self.tol, "ftol": 64 * np.finfo(float).eps}
        if self.penalty == "l1":
            # theta = u - v, u, v >= 0 on penalised entries; the intercept lives in u only
            # (free sign) and v's intercept entries are pinned at 0.
            def fun(uv):
                theta = uv[:m] - uv[m:]
                loss, grad = _split_loss_and_grad(theta, X, target, s, n_rows, fit_intercept)
                f = loss + float(mask @ (uv[:m] + uv[m:]))
                return f, np.concatenate([grad + mask, -grad + mask])

            bounds = ([(0, None) if k else (None, None) for k in mask]
                      + [(0, None) if k else (0, 0) for k in mask])
            res = optimize.minimize(fun, np.zeros(2 * m), jac=True, method="L-BFGS-B",
                                    bounds=bounds, options=opts)
            theta = res.x[:m] - res.x[m:]
        else:
            lam = 0.0 if self.penalty is None else 1.0
            mask *= lam

            def fun(theta):
                loss, grad = _split_loss_and_grad(theta, X, target, s, n_rows, fit_intercept)
                penalised = mask * theta
                grad += penalised
                return loss + 0.5 * float(theta @ penalised), grad

            res = optimize.minimize(fun, np.zeros(m), jac=True, method="L-BFGS-B",
                                    options=opts)
            theta = res.x
        return theta, int(res.nit), bool(res.success) or res.nit < self.max_iter

    def _fit_newton(self, Xd, Y, s, binary, n_rows, d, pen):
        # Per-coordinate L2 weight (0 everywhere without a penalty).
        mask = pen * self._penalty_mask(n_rows, d) * (0.0 if self.penalty is None else 1.0)

        def objective(theta):
            loss, grad = log_loss_and_grad(theta, Xd, Y, s, binary)
            return loss + 0.5 * float(theta @ (mask * theta)), grad + mask * theta

        theta = np.zeros(mask.size)
        f, g = objective(theta)
        for it in range(1, self.max_iter + 1):
            if np.max(np.abs(g)) <= self.tol:
                return theta, it - 1, True
            H = log_loss_hessian(theta, Xd, Y, s, binary) + np.diag(mask)
            # The multinomial Hessian is singular along "add the same vector to every
            # class"; lstsq returns the minimum-norm step, which is the right one.
            step = np.linalg.lstsq(H, -g, rcond=None)[0]
            t, f_new, g_new = _backtrack(objective, theta, f, step, float(g @ step), 1e-4)
            stalled = f - f_new <= 4 * np.finfo(float).eps * abs(f)
            theta, f, g = theta + t * step, f_new, g_new
            if stalled:
                # No decrease beyond rounding: the gradient is as small as float64 allows.
                return theta, it, True
        return theta, self.max_iter, bool(np.max(np.abs(g)) <= self.tol)

    def _fit_cd(self, Xd, Y, s, binary, n_rows, d, pen):
        mask = pen * self._penalty_mask(n_rows, d)
        l1 = mask * (1.0 if self.penalty == "l1" else 0.0)     # per-coordinate L1 weight
        l2 = mask * (1.0 if self.penalty == "l2" else 0.0)     # per-coordinate L2 weight

        def objective(theta):
            loss, grad = log_loss_and_grad(theta, Xd, Y, s, binary)
            f = loss + float(l1 @ np.abs(theta)) + 0.5 * float(l2 @ theta**2)
            return f, grad + l2 * theta

        def violation(theta, g):
            # Largest entry of the minimum-norm subgradient: 0 exactly at the optimum.
            at_zero = np.maximum(np.abs(g) - l1, 0.0)
            off_zero = np.abs(g + l1 * np.sign(theta))
            return float(np.max(np.where(theta == 0.0, at_zero, off_zero)))

        theta = np.zeros(mask.size)
        f, g = objective(theta)       # g: gradient of the smooth part (loss + L2)
        for it in range(1, self.max_iter + 1):
            v = violation(theta, g)
            if v <= self.tol:
                return theta, it - 1, True
            H = log_loss_hessian(theta, Xd, Y, s, binary) + np.diag(l2)
            w = cd_quadratic_l1(H, H @ theta - g, l1, theta, inner_tol=0.1 * v)
            step = w - theta
            # Predicted decrease of the composite objective (Tseng & Yun's Armijo rule).
            delta = float(g @ step) + float(l1 @ (np.abs(w) - np.abs(theta)))
            t, f_new, g_new = _backtrack(objective, theta, f, step, delta, 0.01)
            stalled = f - f_new <= 4 * np.finfo(float).eps * abs(f)
            theta, f, g = theta + t * step, f_new, g_new
            if stalled:
                return theta, it, True
        return theta, self.max_iter, violation(theta, g) <= self.tol

    # -- prediction ----------------------------------------------------------------------

    def decision_function(self, X) -> np.ndarray:
        """Scores ``X @ coef_.T + intercept_``: ``(n_samples,)`` for two classes (the log-odds
        of ``classes_[1]``), else ``(n_samples, n_classes)``."""
        X = check_predict_X(self, X, ["coef_"])
        scores = X @ self.coef_.T + self.intercept_
        return scores[:, 0] if scores.shape[1] == 1 else scores

    def predict_proba(self, X) -> np.ndarray:
        """Class probabilities ``(n_samples, n_classes)``: sigmoid or softmax of the scores."""
        scores = self.decision_function(X)
        if scores.ndim == 1:
            p1 = expit(scores)
            return np.column_stack([1 - p1, p1])
        return softmax(scores, axis=1)

    def predict_log_proba(self, X) -> np.ndarray:
        """``log(predict_proba(X))``, computed stably."""
        scores = self.decision_function(X)
        if scores.ndim == 1:
            return np.column_stack([log_expit(-scores), log_expit(scores)])
        return scores - logsumexp(scores, axis=1, keepdims=True)

    def predict(self, X) -> np.ndarray:
        """The most probable class label for each row, shape ``(n_samples,)``."""
        scores = self.decision_function(X)
        idx = (scores > 0).astype(int) if scores.ndim == 1 else np.argmax(scores, axis=1)
        return self.classes_[idx]
