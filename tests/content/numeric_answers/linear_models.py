"""Numeric quick-check answers of the linear-models cards, recomputed from the library.

Each entry is keyed ``"slug/quick-check-id"`` and maps to a zero-argument callable that
computes the number with :mod:`mlinterview.ml` (NumPy only builds the inputs), so a card
whose typed answer drifts from what the code computes fails the shared content test.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml.linalg import lstsq


def _matrix_with_singular_values(s, n_rows: int, seed: int = 0) -> np.ndarray:
    """A ``(n_rows, len(s))`` matrix with singular values ``s``: random orthonormal U, V."""
    rng = np.random.default_rng(seed)
    u, _ = np.linalg.qr(rng.normal(size=(n_rows, len(s))))
    v, _ = np.linalg.qr(rng.normal(size=(len(s), len(s))))
    return (u * np.asarray(s, dtype=float)) @ v.T


def _normal_equations_cond_exponent() -> float:
    """log10 cond(AᵀA) for A with cond(A) = 1e6, from the singular values lstsq reports."""
    a = _matrix_with_singular_values(np.logspace(0, -6, 8), n_rows=40)
    s = lstsq(a.T @ a, np.zeros(8))[3]
    return float(np.log10(s[0] / s[-1]))


def _slope_through_origin() -> float:
    from mlinterview.ml.linear_model import LinearRegression

    x = np.array([[1.0], [2.0], [3.0]])
    y = np.array([2.0, 3.0, 7.0])
    return float(LinearRegression(fit_intercept=False).fit(x, y).coef_[0])


def _hat_matrix_trace() -> float:
    from mlinterview.ml.linalg import pinv

    X = np.random.default_rng(1).normal(size=(100, 5))
    return float(np.trace(X @ pinv(X)))     # H = X X⁺ = X (XᵀX)⁻¹ Xᵀ at full column rank


def _pinv_entry(a, index) -> float:
    from mlinterview.ml.linalg import pinv

    return float(pinv(np.asarray(a, dtype=float))[index])


def _frobenius(a) -> float:
    from mlinterview.ml.linalg import frobenius_norm

    return frobenius_norm(np.asarray(a, dtype=float))


def _rank1_error() -> float:
    """||A - A₁||_F for A with singular values 3, 2, 1, A₁ its truncated SVD."""
    from mlinterview.ml.linalg import frobenius_norm

    a = _matrix_with_singular_values([3.0, 2.0, 1.0], n_rows=5, seed=2)
    u, s, vt = np.linalg.svd(a, full_matrices=False)
    return frobenius_norm(a - s[0] * np.outer(u[:, 0], vt[0]))


def _soft_threshold(z, t):
    from mlinterview.ml.linear_model import soft_threshold

    return soft_threshold(z, t)


def _ridge_shrinkage() -> float:
    """Ridge fit / least-squares fit along the singular direction of X with s = 2, α = 4."""
    from mlinterview.ml.linear_model import LinearRegression, Ridge

    X = _matrix_with_singular_values([5.0, 2.0, 0.5], n_rows=30, seed=3)
    u = np.linalg.svd(X, full_matrices=False)[0][:, 1]          # the direction of s = 2
    y = np.random.default_rng(4).normal(size=30)
    ridge = Ridge(alpha=4.0, fit_intercept=False).fit(X, y).predict(X)
    ols = LinearRegression(fit_intercept=False).fit(X, y).predict(X)
    return float((u @ ridge) / (u @ ols))


def _lasso_alpha_max() -> float:
    """Smallest α with every lasso weight 0, by bisection on fits (n = 4, Xᵀy = (6, -10, 2))."""
    from mlinterview.ml.linear_model import Lasso

    X = np.vstack([np.eye(3), np.zeros((1, 3))])
    y = np.array([6.0, -10.0, 2.0, 0.0])
    lo, hi = 0.0, 100.0
    for _ in range(40):
        mid = (lo + hi) / 2
        coef = Lasso(alpha=mid, fit_intercept=False, tol=1e-12).fit(X, y).coef_
        lo, hi = (lo, mid) if np.all(coef == 0) else (mid, hi)
    return hi


def _sigmoid(z: float) -> float:
    from mlinterview.ml.autograd import Tensor
    from mlinterview.ml.nn import functional as F

    return float(F.sigmoid(Tensor(np.array([z], dtype=float))).data[0])


def _odds_ratio() -> float:
    """odds(x_j + 1) / odds(x_j) for w_j = 0.7 at an arbitrary starting score."""
    p0, p1 = _sigmoid(-0.4), _sigmoid(-0.4 + 0.7)
    return (p1 / (1 - p1)) / (p0 / (1 - p0))


def _confident_mistake() -> float:
    from mlinterview.ml.metrics import log_loss

    return float(log_loss([0], [[0.1, 0.9]], labels=[0, 1]))


def _margin_width() -> float:
    """2/||w|| of a hard-margin SVC on two points whose solution is w = (3, 4)."""
    from mlinterview.ml.svm import SVC

    X = np.array([[0.12, 0.16], [-0.12, -0.16]])       # ±0.2 · (3, 4)/5: 0.4 apart along w
    model = SVC(kernel="linear", C=1e6).fit(X, np.array([1, -1]))
    return float(2.0 / np.linalg.norm(model.coef_[0]))


def _hinge(y: int, score: float) -> float:
    """The hinge loss of one sample from the primal objective with no penalty (λ = 0)."""
    from mlinterview.ml.svm import hinge_objective

    return hinge_objective(np.array([score]), 0.0, np.array([[1.0]]), np.array([y]), 0.0)[0]


def _rbf_value() -> float:
    from mlinterview.ml.svm import rbf_kernel

    return float(rbf_kernel(np.array([[0.0, 0.0]]), np.array([[1.0, 1.0]]), gamma=0.5)[0, 0])


def _centred_data(variances, n_rows: int, seed: int = 5) -> np.ndarray:
    """Centred ``(n_rows, len(variances))`` data whose principal variances are ``variances``."""
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(n_rows, len(variances)))
    q, _ = np.linalg.qr(z - z.mean(axis=0))           # orthonormal columns, each of mean 0
    v, _ = np.linalg.qr(rng.normal(size=(len(variances), len(variances))))
    s = np.sqrt(np.asarray(variances, dtype=float) * (n_rows - 1))
    return (q * s) @ v.T


def _pca_first_variance() -> float:
    """explained_variance_[0] for n = 11 centred samples whose top singular value is 10."""
    from mlinterview.ml.decomposition import PCA

    X = _centred_data([100.0 / 10, 9.0 / 10], n_rows=11)   # s² / (n - 1) with s = 10, 3
    assert np.isclose(np.linalg.svd(X, compute_uv=False)[0], 10.0)
    return float(PCA(n_components=1).fit(X).explained_variance_[0])


def _pca_ratio_two() -> float:
    from mlinterview.ml.decomposition import PCA

    X = _centred_data([6.0, 3.0, 1.0], n_rows=50)
    return float(PCA(n_components=2).fit(X).explained_variance_ratio_.sum())


def _pca_reconstruction_error() -> float:
    from mlinterview.ml.decomposition import PCA

    X = _centred_data([6.0, 3.0, 1.0], n_rows=50)
    pca = PCA(n_components=2).fit(X)
    residual = X - pca.inverse_transform(pca.transform(X))
    return float(np.sum(residual**2) / np.sum((X - X.mean(axis=0)) ** 2))


ANSWERS = {
    "least-squares/normal-digits": _normal_equations_cond_exponent,
    "least-squares/slope-through-origin": _slope_through_origin,
    "least-squares/hat-trace": _hat_matrix_trace,
    "pseudoinverse-frobenius/pinv-diag": lambda: _pinv_entry([[4.0, 0.0], [0.0, 0.0]], (0, 0)),
    "pseudoinverse-frobenius/frobenius-value": lambda: _frobenius([[3.0, 0.0], [0.0, 4.0]]),
    "pseudoinverse-frobenius/pinv-column": lambda: _pinv_entry([[3.0], [4.0]], (0, 0)),
    "pseudoinverse-frobenius/rank1-error": _rank1_error,
    "l1-l2/soft-threshold-value": lambda: float(_soft_threshold(-3.0, 1.0)),
    "l1-l2/ridge-shrinkage": _ridge_shrinkage,
    "l1-l2/lasso-alpha-max": _lasso_alpha_max,
    "logistic-regression/log-odds": lambda: _sigmoid(0.0),
    "logistic-regression/prob-from-log-odds": lambda: _sigmoid(float(np.log(3.0))),
    "logistic-regression/odds-ratio": _odds_ratio,
    "logistic-regression/confident-mistake": _confident_mistake,
    "svm/margin-width": _margin_width,
    "svm/hinge-zero": lambda: _hinge(1, 1.7),
    "svm/hinge-inside": lambda: _hinge(-1, 0.4),
    "svm/rbf-value": _rbf_value,
    "pca/variance-from-s": _pca_first_variance,
    "pca/ratio-two": _pca_ratio_two,
    "pca/reconstruction-error": _pca_reconstruction_error,
}
