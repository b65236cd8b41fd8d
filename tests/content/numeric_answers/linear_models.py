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


ANSWERS = {
    "least-squares/normal-digits": _normal_equations_cond_exponent,
    "least-squares/slope-through-origin": _slope_through_origin,
    "least-squares/hat-trace": _hat_matrix_trace,
    "pseudoinverse-frobenius/pinv-diag": lambda: _pinv_entry([[4.0, 0.0], [0.0, 0.0]], (0, 0)),
    "pseudoinverse-frobenius/frobenius-value": lambda: _frobenius([[3.0, 0.0], [0.0, 4.0]]),
    "pseudoinverse-frobenius/pinv-column": lambda: _pinv_entry([[3.0], [4.0]], (0, 0)),
    "pseudoinverse-frobenius/rank1-error": _rank1_error,
}
