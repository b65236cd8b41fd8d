"""``SGDClassifier`` and ``SGDRegressor``: linear models fitted by plain stochastic
gradient descent, one sample at a time, as scikit-learn's ``_plain_sgd`` does.

The objective is ``(1/n) Σ_i L(y_i, w·x_i + b) + α R(w)`` with
``R = ½||w||²`` (l2), ``||w||₁`` (l1) or ``(1-ρ)½||w||² + ρ||w||₁`` (elasticnet, ρ =
``l1_ratio``). Each step takes one sample, computes ``dL/dp`` at the current prediction
``p`` and moves ``w ← w - η (dL/dp · x + α ∇R)``.

Three tricks keep a step O(n_features) and stable, all from scikit-learn / Bottou:

* **L2 shrink by a scale factor.** ``w`` is stored as ``scale · v``; the L2 part of the step
  multiplies every weight by ``1 - ηα(1-ρ)``, which is just ``scale *= ...``.
* **L1 by cumulative truncation** (Tsuruoka et al. 2009): the total L1 shrinkage each
  weight should have received is tracked, and weights are clipped at zero rather than
  oscillating around it — which is what makes SGD's L1 solutions actually sparse.
* **"optimal" learning rate** ``η_t = 1 / (α (t0 + t))`` (Bottou), with ``t0`` chosen so
  the first step has a sensible size for a typical weight ``1/√√α``.

Stopping: after each epoch, if the epoch's mean objective (loss plus penalty, summed
along the way) has not improved on the best by more than ``tol`` for
``n_iter_no_change`` epochs in a row (scikit-learn 1.9's rule).

This loop is sequential by nature — each step uses the weights the previous one left — so
NumPy cannot vectorise it. :func:`sgd_epochs` is a Python loop over samples, the readable
version of the algorithm; when Numba is installed the estimators run
:func:`sgd_epochs_compiled` instead, which takes the same steps with each epoch compiled.
"""

from __future__ import annotations

import functools
import math
import numbers
import warnings

import numpy as np
from scipy.linalg.blas import daxpy, ddot
from scipy.special import expit

from mlinterview.ml._numba import njit, use_numba
from mlinterview.ml._validation import (
    check_option,
    check_predict_X,
    check_random_state,
    check_scalar,
    check_X_y,
    encode_labels,
)
from mlinterview.ml.base import BaseEstimator, ClassifierMixin, RegressorMixin, available_if
from mlinterview.ml.exceptions import ConvergenceWarning

MAX_DLOSS = 1e12   # clip the loss derivative so a wild step cannot produce inf


# --- losses: value L(y, p) and derivative dL/dp, for scalar y and p --------------------------

def _hinge(y, p):
    z = y * p
    return max(0.0, 1.0 - z), (-y if z <= 1.0 else 0.0)


def _log_loss(y, p):
    z = y * p
    # log(1 + e^{-z}) and its derivative -y σ(-z), both without overflow.
    if z > 18.0:
        return math.exp(-z), -y * math.exp(-z)
    if z < -18.0:
        return -z, -y
    return math.log1p(math.exp(-z)), -y / (math.exp(z) + 1.0)


def _squared_hinge(y, p):
    z = 1.0 - y * p
    return (z * z, -2.0 * y * z) if z > 0 else (0.0, 0.0)


def _modified_huber(y, p):
    z = y * p
    if z >= 1.0:
        return 0.0, 0.0
    if z >= -1.0:
        return (1.0 - z) ** 2, -2.0 * y * (1.0 - z)
    return -4.0 * z, -4.0 * y


def _squared_error(y, p, eps):
    r = p - y
    return 0.5 * r * r, r


def _huber(y, p, eps):
    r = p - y
    if abs(r) <= eps:
        return 0.5 * r * r, r
    return eps * abs(r) - 0.5 * eps * eps, (eps if r > 0 else -eps)


def _epsilon_insensitive(y, p, eps):
    r = p - y
    if r > eps:
        return r - eps, 1.0
    if r < -eps:
        return -r - eps, -1.0
    return 0.0, 0.0


CLASSIFICATION_LOSSES = {"hinge": _hinge, "log_loss": _log_loss,
                         "squared_hinge": _squared_hinge, "modified_huber": _modified_huber}
REGRESSION_LOSSES = {"squared_error": _squared_error, "huber": _huber,
                     "epsilon_insensitive": _epsilon_insensitive}


def _optimal_t0(loss, alpha):
    """Offset ``t0`` of the "optimal" rate ``1 / (alpha (t0 + t - 1))`` for the loss
    callable ``loss(y, p) -> (L, dL/dp)``: the first step is that of a typical weight
    ``1 / sqrt(sqrt(alpha))`` (scikit-learn's heuristic)."""
    typw = math.sqrt(1.0 / math.sqrt(alpha))
    eta_first = typw / max(1.0, loss(1.0, -typw)[1])
    return 1.0 / (eta_first * alpha)


def sgd_epochs(X, y, loss, *, alpha, l1_ratio, penalty, learning_rate, eta0, power_t,
               fit_intercept, max_iter, tol, n_iter_no_change, shuffle, rng, average):
    """Plain SGD on ``X (n, d)``, targets ``y (n,)`` (±1 for classification).

    ``loss(y, p) -> (value, dvalue/dp)``. Returns ``(coef (d,), intercept, epochs,
    t, converged)`` where ``t`` is the number of steps taken plus one.
    """
    n, d = X.shape
    v = np.zeros(d)          # weights are scale * v
    scale = 1.0
    b = 0.0
    l2 = penalty in ("l2", "elasticnet")
    l1 = penalty in ("l1", "elasticnet")
    rho = {"l2": 0.0, "l1": 1.0, "elasticnet": l1_ratio}[penalty]
    u = 0.0                  # total L1 shrinkage any weight should have had so far
    q = np.zeros(d)          # L1 shrinkage each weight actually got
    avg_start = (1 if average is True else int(average)) if average else 0
    w_avg, b_avg, n_avg = np.zeros(d), 0.0, 0
    t0 = _optimal_t0(loss, alpha) if learning_rate == "optimal" else 0.0
    best, stall, t = np.inf, 0, 1.0
    order = np.arange(n)
    # Row views and Python floats are cheaper per step than indexing arrays; the two vector
    # operations of a step call BLAS directly (ddot: x·y, daxpy: y += a x), which costs a
    # fraction of NumPy's dispatch on 50-element vectors.
    rows, targets = list(np.ascontiguousarray(X)), y.tolist()
    sq_rows = np.einsum("ij,ij->i", X, X).tolist()
    vv = 0.0                                  # ||v||², kept up to date for the objective
    optimal, invscaling = learning_rate == "optimal", learning_rate == "invscaling"
    l2_decay = (1.0 - rho) * alpha
    l2_half = 0.5 * (1.0 - rho)
    epoch = 0
    while epoch < max_iter:
        epoch += 1
        if shuffle:
            rng.shuffle(order)
        total = 0.0
        for i in order.tolist():
            xi, yi = rows[i], targets[i]
            vx = ddot(v, xi)
            p = scale * vx + b
            if optimal:
                eta = 1.0 / (alpha * (t0 + t - 1.0))
            elif invscaling:
                eta = eta0 / t ** power_t
            else:
                eta = eta0
            value, dloss = loss(yi, p)
            # The epoch's objective: loss plus penalty at the weights that made p.
            total += value + alpha * (l2_half * scale * scale * vv
                                      + (rho * abs(scale) * float(np.abs(v).sum()) if l1
                                         else 0.0))
            step = -eta * min(max(dloss, -MAX_DLOSS), MAX_DLOSS)
            if l2:
                scale *= max(0.0, 1.0 - l2_decay * eta)
                if scale < 1e-9:                     # fold the scale back before underflow
                    v *= scale
                    vv *= scale * scale
                    scale = 1.0
            if step != 0.0:
                if scale == 0.0:
                    v[:] = 0.0
                    vv, vx, scale = 0.0, 0.0, 1.0
                c = step / scale
                v = daxpy(xi, v, a=c)                # v += c x_i
                vv += c * (2.0 * vx + c * sq_rows[i])   # ||v + c x||² from v·x and ||x||²
                if fit_intercept:
                    b += step
            if avg_start and t >= avg_start:
                n_avg += 1
                w_avg += (scale * v - w_avg) / n_avg
                b_avg += (b - b_avg) / n_avg
            if l1:
                u += rho * eta * alpha
                w = scale * v
                # Move each weight toward 0 by what it still owes, never across 0.
                new = np.where(w > 0, np.maximum(0.0, w - (u + q)),
                               np.where(w < 0, np.minimum(0.0, w + (u - q)), w))
                q += new - w
                v = new / scale
                vv = ddot(v, v)
            t += 1.0
        if tol is not None:
            objective = total / n
            stall = stall + 1 if objective > best - tol else 0
            best = min(best, objective)
            if stall >= n_iter_no_change:
                break
    converged = tol is None or stall >= n_iter_no_change
    if avg_start and n_avg:
        return w_avg, b_avg, epoch, t, converged
    return scale * v, b, epoch, t, converged


def _loss_function(name, epsilon):
    """The loss ``(y, p) -> (L, dL/dp)`` called ``name``; regression losses get ``epsilon``."""
    if name in CLASSIFICATION_LOSSES:
        return CLASSIFICATION_LOSSES[name]
    base = REGRESSION_LOSSES[name]

    def loss(yi, p):
        return base(yi, p, epsilon)

    return loss


# Loss codes for the compiled epoch (it cannot call the Python loss functions).
_LOSS_CODES = {"hinge": 0, "log_loss": 1, "squared_hinge": 2, "modified_huber": 3,
               "squared_error": 4, "huber": 5, "epsilon_insensitive": 6}


def sgd_epochs_compiled(X, y, loss, *, epsilon, alpha, l1_ratio, penalty, learning_rate,
                        eta0, power_t, fit_intercept, max_iter, tol, n_iter_no_change,
                        shuffle, rng, average):
    """:func:`sgd_epochs` with each epoch compiled by Numba (:func:`_sgd_epoch`).

    Same arguments, except ``loss`` is a name of ``CLASSIFICATION_LOSSES`` or
    ``REGRESSION_LOSSES`` and ``epsilon`` is the regression losses' parameter. The epochs,
    the shuffles (the same ``rng`` calls) and the stopping rule stay in Python, so both
    versions visit the samples in the same order and take the same steps.
    """
    X = np.ascontiguousarray(X, dtype=np.float64)
    y = np.ascontiguousarray(y, dtype=np.float64)
    n, d = X.shape
    rho = {"l2": 0.0, "l1": 1.0, "elasticnet": l1_ratio}[penalty]
    avg_start = (1 if average is True else int(average)) if average else 0
    t0 = (_optimal_t0(_loss_function(loss, epsilon), alpha) if learning_rate == "optimal"
          else 0.0)
    v, q, w_avg = np.zeros(d), np.zeros(d), np.zeros(d)
    # scale, b, u, ||v||², b_avg, n_avg, t: the scalars the epochs carry along.
    state = np.array([1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0])
    sq_rows = np.einsum("ij,ij->i", X, X)
    best, stall = np.inf, 0
    order = np.arange(n, dtype=np.int64)
    epoch = 0
    while epoch < max_iter:
        epoch += 1
        if shuffle:
            rng.shuffle(order)
        total = _sgd_epoch(X, y, sq_rows, order, v, q, w_avg, state, _LOSS_CODES[loss],
                           float(epsilon), float(alpha), float(rho),
                           penalty in ("l2", "elasticnet"), penalty in ("l1", "elasticnet"),
                           bool(fit_intercept), _RATE_CODES[learning_rate], float(eta0),
                           float(power_t), float(t0), int(avg_start))
        if tol is not None:
            objective = total / n
            stall = stall + 1 if objective > best - tol else 0
            best = min(best, objective)
            if stall >= n_iter_no_change:
                break
    converged = tol is None or stall >= n_iter_no_change
    scale, b, b_avg, n_avg, t = state[0], state[1], state[4], state[5], state[6]
    if avg_start and n_avg:
        return w_avg, b_avg, epoch, t, converged
    return scale * v, b, epoch, t, converged


_RATE_CODES = {"optimal": 0, "invscaling": 1, "constant": 2}


@njit(cache=True, nogil=True)
def _sgd_epoch(X, y, sq_rows, order, v, q, w_avg, state, loss, eps, alpha, rho, l2, l1,
               fit_intercept, rate, eta0, power_t, t0, avg_start):
    """One epoch of :func:`sgd_epochs` in the order ``order``, compiled.

    Updates ``v``, ``q``, ``w_avg`` and ``state = [scale, b, u, ||v||², b_avg, n_avg, t]``
    in place; returns the epoch's summed objective. Same arithmetic as the reference, line
    by line; the losses are inlined (``loss`` is a code of ``_LOSS_CODES``).
    """
    d = v.shape[0]
    scale, b, u, vv, b_avg, n_avg, t = (state[0], state[1], state[2], state[3], state[4],
                                        state[5], state[6])
    l2_decay = (1.0 - rho) * alpha
    l2_half = 0.5 * (1.0 - rho)
    total = 0.0
    for i in order:
        xi, yi = X[i], y[i]
        vx = np.dot(v, xi)
        p = scale * vx + b
        if rate == 0:
            eta = 1.0 / (alpha * (t0 + t - 1.0))
        elif rate == 1:
            eta = eta0 / t ** power_t
        else:
            eta = eta0
        # --- the loss value and derivative, as in _hinge, _log_loss, ... above ---
        if loss == 0:
            z = yi * p
            value, dloss = max(0.0, 1.0 - z), (-yi if z <= 1.0 else 0.0)
        elif loss == 1:
            z = yi * p
            if z > 18.0:
                value, dloss = math.exp(-z), -yi * math.exp(-z)
            elif z < -18.0:
                value, dloss = -z, -yi
            else:
                value, dloss = math.log1p(math.exp(-z)), -yi / (math.exp(z) + 1.0)
        elif loss == 2:
            z = 1.0 - yi * p
            value, dloss = (z * z, -2.0 * yi * z) if z > 0 else (0.0, 0.0)
        elif loss == 3:
            z = yi * p
            if z >= 1.0:
                value, dloss = 0.0, 0.0
            elif z >= -1.0:
                value, dloss = (1.0 - z) ** 2, -2.0 * yi * (1.0 - z)
            else:
                value, dloss = -4.0 * z, -4.0 * yi
        elif loss == 4:
            r = p - yi
            value, dloss = 0.5 * r * r, r
        elif loss == 5:
            r = p - yi
            if abs(r) <= eps:
                value, dloss = 0.5 * r * r, r
            else:
                value, dloss = eps * abs(r) - 0.5 * eps * eps, (eps if r > 0 else -eps)
        else:
            r = p - yi
            if r > eps:
                value, dloss = r - eps, 1.0
            elif r < -eps:
                value, dloss = -r - eps, -1.0
            else:
                value, dloss = 0.0, 0.0
        l1_part = 0.0
        if l1:
            l1_part = rho * abs(scale) * np.abs(v).sum()
        total += value + alpha * (l2_half * scale * scale * vv + l1_part)
        step = -eta * min(max(dloss, -MAX_DLOSS), MAX_DLOSS)
        if l2:
            scale *= max(0.0, 1.0 - l2_decay * eta)
            if scale < 1e-9:
                for k in range(d):
                    v[k] *= scale
                vv *= scale * scale
                scale = 1.0
        if step != 0.0:
            if scale == 0.0:
                v[:] = 0.0
                vv, vx, scale = 0.0, 0.0, 1.0
            c = step / scale
            for k in range(d):
                v[k] += c * xi[k]
            vv += c * (2.0 * vx + c * sq_rows[i])
            if fit_intercept:
                b += step
        if avg_start and t >= avg_start:
            n_avg += 1.0
            for k in range(d):
                w_avg[k] += (scale * v[k] - w_avg[k]) / n_avg
            b_avg += (b - b_avg) / n_avg
        if l1:
            u += rho * eta * alpha
            for k in range(d):
                w = scale * v[k]
                if w > 0:
                    new = max(0.0, w - (u + q[k]))
                elif w < 0:
                    new = min(0.0, w + (u - q[k]))
                else:
                    new = w
                q[k] += new - w
                v[k] = new / scale
            vv = np.dot(v, v)
        t += 1.0
    state[0], state[1], state[2], state[3], state[4], state[5], state[6] = (
        scale, b, u, vv, b_avg, n_avg, t)
    return total


class _BaseSGD(BaseEstimator):
    def _check_params(self, losses):
        check_option(self.loss, "loss", tuple(losses))
        check_option(self.penalty, "penalty", ("l2", "l1", "elasticnet"))
        check_scalar(self.alpha, "alpha", lo=0.0)
        check_scalar(self.l1_ratio, "l1_ratio", lo=0.0, hi=1.0)
        check_scalar(self.max_iter, "max_iter", numbers.Integral, lo=1)
        if self.tol is not None:
            check_scalar(self.tol, "tol")
        check_scalar(self.epsilon, "epsilon", lo=0.0)
        check_option(self.learning_rate, "learning_rate", ("optimal", "constant", "invscaling"))
        check_scalar(self.eta0, "eta0", lo=0.0)
        check_scalar(self.power_t, "power_t")
        check_scalar(self.n_iter_no_change, "n_iter_no_change", numbers.Integral, lo=1)
        if not isinstance(self.average, bool):
            check_scalar(self.average, "average", numbers.Integral, lo=1)
        if self.learning_rate == "optimal" and self.alpha == 0:
            raise ValueError("alpha: learning_rate='optimal' needs alpha > 0, got 0")
        if self.learning_rate != "optimal" and self.eta0 <= 0:
            raise ValueError(f"eta0: expected > 0 for learning_rate={self.learning_rate!r}, "
                             f"got {self.eta0!r}")

    def _run(self, X, y, loss, rng):
        # loss: the name; the compiled twin switches on it, the reference calls a function.
        eps = float(self.epsilon)
        if use_numba():
            solver, loss_arg = functools.partial(sgd_epochs_compiled, epsilon=eps), loss
        else:
            solver, loss_arg = sgd_epochs, _loss_function(loss, eps)
        return solver(
            X, y, loss_arg, alpha=float(self.alpha), l1_ratio=float(self.l1_ratio),
            penalty=self.penalty, learning_rate=self.learning_rate, eta0=float(self.eta0),
            power_t=float(self.power_t), fit_intercept=bool(self.fit_intercept),
            max_iter=int(self.max_iter), tol=None if self.tol is None else float(self.tol),
            n_iter_no_change=int(self.n_iter_no_change), shuffle=bool(self.shuffle), rng=rng,
            average=self.average)

    def _warn(self, converged):
        if not converged:
            warnings.warn(f"{type(self).__name__} reached max_iter={self.max_iter} before the "
                          f"loss stopped improving; raise max_iter", ConvergenceWarning,
                          stacklevel=3)

    def _check_X(self, X):
        return check_predict_X(self, X, ["coef_"]).astype(np.float64, copy=False)


def _has_proba(sgd) -> bool:
    if sgd.loss != "log_loss":
        raise AttributeError(f"predict_proba needs loss='log_loss', not {sgd.loss!r}")
    return True


class SGDClassifier(ClassifierMixin, _BaseSGD):
    """Linear classifier by SGD; ``loss`` picks the model (hinge: linear SVM, log_loss:
    logistic regression). One-vs-rest for more than two classes.

    Attributes: ``coef_ (1 or n_classes, n_features)``, ``intercept_``, ``classes_``,
    ``n_iter_`` (epochs), ``t_`` (steps + 1), ``n_features_in_``.
    """

    def __init__(self, loss="hinge", *, penalty="l2", alpha=1e-4, l1_ratio=0.15,
                 fit_intercept=True, max_iter=1000, tol=1e-3, shuffle=True, epsilon=0.1,
                 random_state=None, learning_rate="optimal", eta0=0.01, power_t=0.5,
                 n_iter_no_change=5, average=False):
        self.loss = loss
        self.penalty = penalty
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol
        self.shuffle = shuffle
        self.epsilon = epsilon
        self.random_state = random_state
        self.learning_rate = learning_rate
        self.eta0 = eta0
        self.power_t = power_t
        self.n_iter_no_change = n_iter_no_change
        self.average = average

    def fit(self, X, y):
        """Fit on ``X (n_samples, n_features)`` and labels ``y (n_samples,)``; returns self."""
        self._check_params(CLASSIFICATION_LOSSES)
        X, y = check_X_y(X, y, estimator=self)
        X = X.astype(np.float64, copy=False)
        self.classes_, y_idx = encode_labels(y, min_classes=2)
        rng = check_random_state(self.random_state)
        targets = [1] if len(self.classes_) == 2 else range(len(self.classes_))
        coefs, bs, epochs, ok = [], [], 0, True
        for c in targets:
            w, b, ep, t, conv = self._run(X, np.where(y_idx == c, 1.0, -1.0), self.loss, rng)
            coefs.append(w)
            bs.append(b)
            epochs, ok = max(epochs, ep), ok and conv
        self._warn(ok)
        self.coef_, self.intercept_ = np.array(coefs), np.array(bs)
        self.n_iter_, self.t_ = epochs, t
        self.n_features_in_ = X.shape[1]
        return self

    def decision_function(self, X) -> np.ndarray:
        """``X w + b``: ``(n,)`` for two classes, else ``(n, n_classes)``."""
        X = self._check_X(X)
        scores = X @ self.coef_.T + self.intercept_
        return scores[:, 0] if len(self.classes_) == 2 else scores

    def predict(self, X) -> np.ndarray:
        """Class labels ``(n,)``."""
        s = self.decision_function(X)
        return self.classes_[(s > 0).astype(int)] if s.ndim == 1 else self.classes_[s.argmax(1)]

    @available_if(_has_proba)
    def predict_proba(self, X) -> np.ndarray:
        """Probabilities ``(n, n_classes)``; only for ``loss="log_loss"`` (a sigmoid per
        class, normalised across classes in the one-vs-rest case). With another loss the
        method is absent (``hasattr`` is false), as in scikit-learn."""
        s = self.decision_function(X)
        if s.ndim == 1:
            p1 = expit(s)
            return np.column_stack([1 - p1, p1])
        p = expit(s)
        total = p.sum(axis=1, keepdims=True)
        # Every sigmoid can underflow to 0 far from the data: such a row gets the uniform
        # distribution, as in scikit-learn, instead of 0 / 0.
        return np.where(total > 0, p / np.where(total > 0, total, 1.0), 1.0 / p.shape[1])


class SGDRegressor(RegressorMixin, _BaseSGD):
    """Linear regression by SGD with ``squared_error``, ``huber`` or
    ``epsilon_insensitive`` (linear SVR) loss.

    Attributes: ``coef_ (n_features,)``, ``intercept_ (1,)``, ``n_iter_``, ``t_``.
    """

    def __init__(self, loss="squared_error", *, penalty="l2", alpha=1e-4, l1_ratio=0.15,
                 fit_intercept=True, max_iter=1000, tol=1e-3, shuffle=True, epsilon=0.1,
                 random_state=None, learning_rate="invscaling", eta0=0.01, power_t=0.25,
                 n_iter_no_change=5, average=False):
        self.loss = loss
        self.penalty = penalty
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol
        self.shuffle = shuffle
        self.epsilon = epsilon
        self.random_state = random_state
        self.learning_rate = learning_rate
        self.eta0 = eta0
        self.power_t = power_t
        self.n_iter_no_change = n_iter_no_change
        self.average = average

    def fit(self, X, y):
        """Fit on ``X (n_samples, n_features)`` and targets ``y (n_samples,)``; returns self."""
        self._check_params(REGRESSION_LOSSES)
        X, y = check_X_y(X, y, estimator=self, y_numeric=True)
        X = X.astype(np.float64, copy=False)
        rng = check_random_state(self.random_state)
        w, b, epochs, t, ok = self._run(X, y, self.loss, rng)
        self._warn(ok)
        self.coef_, self.intercept_ = w, np.array([b])
        self.n_iter_, self.t_ = epochs, t
        self.n_features_in_ = X.shape[1]
        return self

    def predict(self, X) -> np.ndarray:
        """``X w + b``, shape ``(n,)``."""
        return self._check_X(X) @ self.coef_ + self.intercept_[0]
