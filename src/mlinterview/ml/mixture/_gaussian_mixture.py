"""Gaussian mixture models fitted by expectation-maximisation (Dempster, Laird & Rubin 1977).

The model: pick component ``k`` with probability ``weights_[k]``, then draw
``x ~ N(means_[k], Sigma_k)``. Its log-likelihood ``sum_i log sum_k pi_k N(x_i; mu_k,
Sigma_k)`` has a sum inside the log, so there is no closed-form maximum. EM alternates:

- **E-step**: responsibilities ``r_ik = P(component k | x_i)`` under the current
  parameters (Bayes' rule, normalised with log-sum-exp);
- **M-step**: weighted maximum-likelihood estimates, ``N_k = sum_i r_ik``,
  ``pi_k = N_k / n``, ``mu_k = sum_i r_ik x_i / N_k``, ``Sigma_k`` the weighted covariance
  plus ``reg_covar`` on its diagonal (which keeps a component from collapsing onto one
  point, where the likelihood is unbounded).

Each iteration never decreases the log-likelihood; it stops when the mean log-likelihood
changes by less than ``tol``. Names, parameters, covariance types and the stopping rule
follow ``sklearn.mixture.GaussianMixture``. Covariances are kept as the Cholesky factors
of the precisions, so evaluating a density needs no matrix inverse.
"""

from __future__ import annotations

import numbers

import numpy as np
from scipy.linalg import cholesky, solve_triangular

from mlinterview.ml._validation import (
    as_array,
    check_is_fitted,
    check_option,
    check_predict_X,
    check_random_state,
    check_scalar,
    check_X,
)
from mlinterview.ml.base import BaseEstimator, DensityMixin
from mlinterview.ml.cluster import KMeans, kmeans_plusplus

__all__ = ["GaussianMixture"]

_LOG_2PI = np.log(2 * np.pi)
COVARIANCE_TYPES = ("full", "tied", "diag", "spherical")
INIT_PARAMS = ("kmeans", "k-means++", "random", "random_from_data")
_SINGULAR = ("X: a component's covariance matrix is singular (covariance_type={}): it "
             "collapsed onto too few points; expected data spread enough for reg_covar to "
             "regularise: increase reg_covar, rescale X or use fewer components")


def _logsumexp_rows(a: np.ndarray) -> np.ndarray:
    """``log sum_k exp(a[i, k])`` of every row, shape (n,): shift by the row maximum so the
    largest term is exp(0) = 1 (no overflow, no underflow of the whole sum). A few passes
    over (n, k), several times cheaper than the general ``scipy.special.logsumexp``."""
    m = a.max(axis=1)
    m = np.where(np.isfinite(m), m, 0.0)     # a row of -inf stays -inf below
    with np.errstate(divide="ignore"):
        return np.log(np.exp(a - m[:, None]).sum(axis=1)) + m


# ------------------------------------------------------------------ M-step pieces

def _covariances(X, resp, nk, means, reg_covar, covariance_type):
    """Weighted covariance estimates; shapes: full (k, d, d), tied (d, d), diag (k, d),
    spherical (k,)."""
    d = X.shape[1]
    if covariance_type == "full":
        cov = np.empty((means.shape[0], d, d))
        for k, mu in enumerate(means):                # loop over components, not samples
            diff = X - mu
            cov[k] = (resp[:, k] * diff.T) @ diff / nk[k]
            cov[k].flat[:: d + 1] += reg_covar
        return cov
    if covariance_type == "tied":
        cov = (X.T @ X - (nk * means.T) @ means) / nk.sum()
        cov.flat[:: d + 1] += reg_covar
        return cov
    diag = resp.T @ (X * X) / nk[:, None] - means**2 + reg_covar
    return diag if covariance_type == "diag" else diag.mean(axis=1)


def _estimate_parameters(X, resp, reg_covar, covariance_type):
    """``(N_k, means, covariances)`` from responsibilities ``resp`` of shape (n, k)."""
    # The 10 eps keeps an empty component from dividing by zero.
    nk = resp.sum(axis=0) + 10 * np.finfo(resp.dtype).eps
    means = resp.T @ X / nk[:, None]
    return nk, means, _covariances(X, resp, nk, means, reg_covar, covariance_type)


def _precision_cholesky(cov, covariance_type):
    """Upper-triangular ``U`` with ``U U^T = Sigma^{-1}``: invert the Cholesky factor of the
    covariance (a triangular solve), or ``1/sqrt`` of the variances."""
    if covariance_type in ("full", "tied"):
        mats = cov if covariance_type == "full" else cov[None]
        out = np.empty_like(mats)
        eye = np.eye(mats.shape[-1])
        for k, c in enumerate(mats):
            try:
                lower = cholesky(c, lower=True)
            except np.linalg.LinAlgError:
                raise ValueError(_SINGULAR.format(covariance_type)) from None
            out[k] = solve_triangular(lower, eye, lower=True).T
        return out if covariance_type == "full" else out[0]
    if np.any(cov <= 0):
        raise ValueError(_SINGULAR.format(covariance_type))
    return 1.0 / np.sqrt(cov)


def _flip(a):
    return a[..., ::-1, ::-1]


def _precision_cholesky_from_precisions(prec, covariance_type):
    """The same factor computed from given precision matrices: with the exchange matrix J,
    chol(J P J) = L gives P = (J L J)(J L J)^T and J L J is upper triangular."""
    if covariance_type == "full":
        return np.stack([_flip(cholesky(_flip(p), lower=True)) for p in prec])
    if covariance_type == "tied":
        return _flip(cholesky(_flip(prec), lower=True))
    return np.sqrt(prec)


def _log_gaussian_prob(X, means, prec_chol, covariance_type):
    """``log N(x_i; mu_k, Sigma_k)`` of shape (n_samples, n_components)."""
    n, d = X.shape
    k = means.shape[0]
    if covariance_type in ("full", "tied"):
        chols = prec_chol if covariance_type == "full" else np.broadcast_to(prec_chol,
                                                                           (k, d, d))
        # log|Sigma^{-1}|^(1/2) = sum log diag(U).
        log_det = np.log(np.diagonal(chols, axis1=1, axis2=2)).sum(axis=1)
        maha = np.empty((n, k))
        for j in range(k):
            y = X @ chols[j] - means[j] @ chols[j]    # whitened: |y|^2 = Mahalanobis^2
            maha[:, j] = (y * y).sum(axis=1)
    elif covariance_type == "diag":
        prec = prec_chol**2
        log_det = np.log(prec_chol).sum(axis=1)
        maha = (means**2 * prec).sum(axis=1) - 2.0 * X @ (means * prec).T + (X**2) @ prec.T
    else:
        prec = prec_chol**2
        log_det = d * np.log(prec_chol)
        maha = ((means**2).sum(axis=1) * prec - 2 * (X @ means.T) * prec
                + np.outer((X * X).sum(axis=1), prec))
    return -0.5 * (d * _LOG_2PI + maha) + log_det


class GaussianMixture(DensityMixin, BaseEstimator):
    """Gaussian mixture fitted by EM, with scikit-learn's parameters and attributes.

    Parameters
    ----------
    n_components : int, default 1
    covariance_type : {"full", "tied", "diag", "spherical"}, default "full"
    tol : float, default 1e-3
        Stop when the mean log-likelihood per sample improves by less than this.
    reg_covar : float, default 1e-6
        Added to the diagonal of every covariance: keeps them positive definite.
    max_iter : int, default 100
    n_init : int, default 1
        Restarts; the one with the highest final log-likelihood is kept.
    init_params : {"kmeans", "k-means++", "random", "random_from_data"}, default "kmeans"
        How the first responsibilities are made (hard k-means labels, k-means++ seeds,
        random soft assignments, or random points as one-point components).
    weights_init : (n_components,), means_init : (n_components, n_features),
    precisions_init : shaped like ``precisions_``; override the initialisation.
    random_state : None, int or np.random.Generator

    Attributes
    ----------
    weights_ : (n_components,); means_ : (n_components, n_features);
    covariances_, precisions_, precisions_cholesky_ : (k, d, d) full, (d, d) tied,
    (k, d) diag, (k,) spherical;
    converged_ : bool; n_iter_ : int; lower_bound_ : float, the best mean log-likelihood;
    lower_bounds_ : list of the mean log-likelihood at each iteration of the kept run.
    """

    def __init__(self, n_components: int = 1, *, covariance_type: str = "full",
                 tol: float = 1e-3, reg_covar: float = 1e-6, max_iter: int = 100,
                 n_init: int = 1, init_params: str = "kmeans", weights_init=None,
                 means_init=None, precisions_init=None, random_state=None):
        self.n_components = n_components
        self.covariance_type = covariance_type
        self.tol = tol
        self.reg_covar = reg_covar
        self.max_iter = max_iter
        self.n_init = n_init
        self.init_params = init_params
        self.weights_init = weights_init
        self.means_init = means_init
        self.precisions_init = precisions_init
        self.random_state = random_state

    # ---------------------------------------------------------------- checks and init

    def _check_parameters(self, X):
        k, d = self.n_components, X.shape[1]
        check_scalar(k, "n_components", numbers.Integral, lo=1)
        if X.shape[0] < k:
            raise ValueError(f"X: expected at least n_components={k} samples, got "
                             f"{X.shape[0]}")
        check_option(self.covariance_type, "covariance_type", COVARIANCE_TYPES)
        check_option(self.init_params, "init_params", INIT_PARAMS)
        check_scalar(self.tol, "tol", lo=0.0)
        check_scalar(self.reg_covar, "reg_covar", lo=0.0)
        check_scalar(self.max_iter, "max_iter", numbers.Integral, lo=0)
        check_scalar(self.n_init, "n_init", numbers.Integral, lo=1)
        if self.weights_init is not None:
            w = as_array(self.weights_init, "weights_init").astype(np.float64)
            if w.shape != (k,) or (w < 0).any() or not np.isclose(w.sum(), 1.0):
                raise ValueError(f"weights_init: expected {k} non-negative weights summing "
                                 f"to 1, got shape {w.shape}")
        if self.means_init is not None:
            m = as_array(self.means_init, "means_init")
            if m.shape != (k, d):
                raise ValueError(f"means_init: expected shape ({k}, {d}), got {m.shape}")
        if self.precisions_init is not None:
            shape = {"full": (k, d, d), "tied": (d, d), "diag": (k, d),
                     "spherical": (k,)}[self.covariance_type]
            p = as_array(self.precisions_init, "precisions_init")
            if p.shape != shape:
                raise ValueError(f"precisions_init: expected shape {shape} for "
                                 f"covariance_type={self.covariance_type!r}, got {p.shape}")

    def _initial_resp(self, X, rng):
        n, k = X.shape[0], self.n_components
        resp = np.zeros((n, k))
        if self.init_params == "kmeans":
            labels = KMeans(k, n_init=1, random_state=rng).fit(X).labels_
            resp[np.arange(n), labels] = 1
        elif self.init_params == "k-means++":
            _, idx = kmeans_plusplus(X, k, random_state=rng)
            resp[idx, np.arange(k)] = 1
        elif self.init_params == "random":
            resp = rng.random((n, k))
            resp /= resp.sum(axis=1, keepdims=True)
        else:
            resp[rng.choice(n, k, replace=False), np.arange(k)] = 1
        return resp

    def _initialize(self, X, rng):
        weights, means, cov = _estimate_parameters(X, self._initial_resp(X, rng),
                                                   self.reg_covar, self.covariance_type)
        self.weights_ = (weights / X.shape[0] if self.weights_init is None
                         else np.asarray(self.weights_init, dtype=np.float64))
        self.means_ = means if self.means_init is None else np.asarray(self.means_init,
                                                                       dtype=np.float64)
        if self.precisions_init is None:
            self.covariances_ = cov
            self.precisions_cholesky_ = _precision_cholesky(cov, self.covariance_type)
        else:
            self.precisions_cholesky_ = _precision_cholesky_from_precisions(
                np.asarray(self.precisions_init, dtype=np.float64), self.covariance_type)

    # ---------------------------------------------------------------- EM

    def _weighted_log_prob(self, X):
        """``log pi_k + log N(x_i; mu_k, Sigma_k)``, shape (n_samples, n_components)."""
        with np.errstate(divide="ignore"):
            log_w = np.log(self.weights_)
        return _log_gaussian_prob(X, self.means_, self.precisions_cholesky_,
                                  self.covariance_type) + log_w

    def _e_step(self, X):
        """Mean log-likelihood and log-responsibilities (n_samples, n_components)."""
        wlp = self._weighted_log_prob(X)
        log_norm = _logsumexp_rows(wlp)
        return float(log_norm.mean()), wlp - log_norm[:, None]

    def _m_step(self, X, log_resp):
        nk, self.means_, self.covariances_ = _estimate_parameters(
            X, np.exp(log_resp), self.reg_covar, self.covariance_type)
        self.weights_ = nk / nk.sum()
        self.precisions_cholesky_ = _precision_cholesky(self.covariances_,
                                                        self.covariance_type)

    def _parameters(self):
        return (self.weights_, self.means_, getattr(self, "covariances_", None),
                self.precisions_cholesky_)

    def fit(self, X, y=None):
        """Run EM ``n_init`` times from fresh initialisations and keep the best; ``self``."""
        self.fit_predict(X)
        return self

    def fit_predict(self, X, y=None):
        """Fit, then return the most responsible component of each row, shape (n,)."""
        X = check_X(X, "X", min_samples=2).astype(np.float64)
        self._check_parameters(X)
        rng = check_random_state(self.random_state)
        best_bound, best = -np.inf, None
        for _ in range(self.n_init):
            self._initialize(X, rng)
            bound, bounds, converged, n_iter = -np.inf, [], False, 0
            for n_iter in range(1, self.max_iter + 1):  # noqa: B007 (kept after the loop)
                previous = bound
                bound, log_resp = self._e_step(X)   # likelihood of the current parameters
                self._m_step(X, log_resp)
                bounds.append(bound)
                if abs(bound - previous) < self.tol:
                    converged = True
                    break
            if best is None or bound > best_bound:
                best_bound = bound
                best = (self._parameters(), n_iter, bounds, converged)
        (weights, means, cov, prec_chol), n_iter, bounds, converged = best
        self.weights_, self.means_, self.precisions_cholesky_ = weights, means, prec_chol
        if cov is not None:
            self.covariances_ = cov
        self.converged_ = converged
        self.n_iter_ = n_iter
        self.lower_bound_ = best_bound
        self.lower_bounds_ = bounds
        self.precisions_ = self._precisions()
        if not hasattr(self, "covariances_"):       # max_iter = 0 with precisions_init
            self.covariances_ = self._covariances_from_precisions()
        self.n_features_in_ = X.shape[1]
        return self._e_step(X)[1].argmax(axis=1)

    def _precisions(self):
        pc = self.precisions_cholesky_
        if self.covariance_type == "full":
            return pc @ np.swapaxes(pc, 1, 2)
        if self.covariance_type == "tied":
            return pc @ pc.T
        return pc**2

    def _covariances_from_precisions(self):
        if self.covariance_type in ("full", "tied"):
            return np.linalg.inv(self.precisions_)
        return 1.0 / self.precisions_

    # ---------------------------------------------------------------- after fitting

    def _check_X(self, X):
        return check_predict_X(self, X, ["means_", "converged_"]).astype(np.float64)

    def score_samples(self, X):
        """Log-density ``log p(x)`` of each row under the mixture, shape (n_samples,)."""
        return _logsumexp_rows(self._weighted_log_prob(self._check_X(X)))

    def score(self, X, y=None) -> float:
        """Mean log-likelihood per sample."""
        return float(self.score_samples(X).mean())

    def predict_proba(self, X):
        """Responsibilities ``P(component k | x)``, shape (n_samples, n_components)."""
        return np.exp(self._e_step(self._check_X(X))[1])

    def predict(self, X):
        """Most probable component of each row, shape (n_samples,)."""
        return self._weighted_log_prob(self._check_X(X)).argmax(axis=1)

    def _n_parameters(self) -> int:
        k, d = self.means_.shape
        cov = {"full": k * d * (d + 1) / 2, "tied": d * (d + 1) / 2, "diag": k * d,
               "spherical": k}[self.covariance_type]
        return int(cov + k * d + k - 1)

    def bic(self, X) -> float:
        """Bayesian information criterion ``-2 log L + p log n`` (lower is better)."""
        X = self._check_X(X)
        return -2 * self.score(X) * X.shape[0] + self._n_parameters() * np.log(X.shape[0])

    def aic(self, X) -> float:
        """Akaike information criterion ``-2 log L + 2 p`` (lower is better)."""
        X = self._check_X(X)
        return -2 * self.score(X) * X.shape[0] + 2 * self._n_parameters()

    def sample(self, n_samples: int = 1, *, random_state=None):
        """Draw ``n_samples`` points: ``(X of shape (n_samples, d), component labels)``.

        Components are drawn from ``weights_``, then each point from its Gaussian through
        ``mu + L z`` with ``L`` the Cholesky factor of the covariance.
        """
        check_is_fitted(self, ["means_", "converged_"])
        check_scalar(n_samples, "n_samples", numbers.Integral, lo=1)
        rng = check_random_state(random_state)
        k, d = self.means_.shape
        labels = rng.choice(k, size=n_samples, p=self.weights_)
        z = rng.standard_normal((n_samples, d))
        if self.covariance_type in ("full", "tied"):
            cov = self.covariances_ if self.covariance_type == "full" else np.broadcast_to(
                self.covariances_, (k, d, d))
            chol = np.linalg.cholesky(cov)
            X = self.means_[labels] + np.einsum("nij,nj->ni", chol[labels], z)
        else:
            sd = np.sqrt(self.covariances_)
            sd = sd[labels] if self.covariance_type == "diag" else sd[labels, None]
            X = self.means_[labels] + sd * z
        return X, labels
