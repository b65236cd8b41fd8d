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


ANSWERS = {
    "least-squares/normal-digits": _normal_equations_cond_exponent,
    "least-squares/slope-through-origin": _slope_through_origin,
    "least-squares/hat-trace": _hat_matrix_trace,
}
