"""The primal view: the hinge-loss objective, its subgradient, and Pegasos.

The soft-margin SVM in the primal, written per sample (λ = 1/(nC) relates it to ``C``):

    J(w, b) = λ/2 ||w||² + (1/n) Σ_i max(0, 1 - y_i (w·x_i + b)),   y_i ∈ {-1, +1}.

The hinge has a kink at margin 1, so ``J`` has a *subgradient*, not a gradient. Taking the
derivative 0 at the kink (any value in ``[-y_i x_i, 0]`` is valid) gives

    ∂J/∂w = λ w - (1/n) Σ_{i: y_i f_i < 1} y_i x_i,   ∂J/∂b = -(1/n) Σ_{i: y_i f_i < 1} y_i.

Only samples inside the margin or misclassified push on the weights — already the support
vector idea. Pegasos (Shalev-Shwartz et al. 2007/2011) follows this subgradient on random
mini-batches with step ``1/(λ t)``; for a strongly convex objective that schedule reaches
accuracy ε in ``Õ(1/(λε))`` steps, independent of ``n``.
"""

from __future__ import annotations

import numbers

import numpy as np

from mlinterview.ml._validation import (
    check_array,
    check_consistent_length,
    check_random_state,
    check_scalar,
)


def _check(w, b, X, y, lam):
    X = check_array(X, "X").astype(np.float64, copy=False)
    y = check_array(y, "y", ensure_2d=False)
    if y.ndim != 1:
        raise ValueError(f"y: expected shape (n_samples,), got {y.shape}")
    if not np.isin(y, (-1, 1)).all():
        raise ValueError("y: expected labels in {-1, +1}")
    check_consistent_length(X=X, y=y)
    w = check_array(w, "w", ensure_2d=False).astype(np.float64, copy=False)
    if w.shape != (X.shape[1],):
        raise ValueError(f"w: expected shape ({X.shape[1]},), got {w.shape}")
    check_scalar(b, "b")
    check_scalar(lam, "lam", lo=0.0)
    return w, float(b), X, y.astype(np.float64)


def hinge_objective(w, b, X, y, lam) -> tuple[float, np.ndarray, float]:
    """``(J, ∂J/∂w (d,), ∂J/∂b)`` for ``X (n, d)``, ``y (n,)`` in {-1, +1}, at ``(w, b)``.

    The subgradient takes 0 for samples exactly on the margin (``y f = 1``); ``b`` is not
    penalised.
    """
    w, b, X, y = _check(w, b, X, y, lam)
    margin = y * (X @ w + b)
    active = margin < 1.0                 # inside the margin or wrong side: hinge is 1 - m
    n = len(y)
    loss = 0.5 * lam * (w @ w) + np.maximum(0.0, 1.0 - margin).sum() / n
    grad_w = lam * w - X[active].T @ y[active] / n
    grad_b = -y[active].sum() / n
    return float(loss), grad_w, float(grad_b)


def pegasos(X, y, lam, *, n_iter=1000, batch_size=32, random_state=None):
    """Mini-batch Pegasos on ``J`` above: returns ``(w (d,), b)``.

    Step ``t`` draws ``batch_size`` samples, takes the subgradient on that batch with step
    size ``η_t = 1/(λ t)``, then projects ``w`` onto the ball ``||w|| ≤ 1/√λ`` that must
    contain the optimum. Each step is vectorised over its batch.
    """
    check_scalar(lam, "lam", lo=0.0, include_lo=False)
    check_scalar(n_iter, "n_iter", numbers.Integral, lo=1)
    check_scalar(batch_size, "batch_size", numbers.Integral, lo=1)
    w, b, X, y = _check(np.zeros(np.shape(X)[1]), 0.0, X, y, lam)
    rng = check_random_state(random_state)
    radius = 1.0 / np.sqrt(lam)
    for t in range(1, n_iter + 1):
        idx = rng.integers(0, len(y), batch_size)
        Xb, yb = X[idx], y[idx]
        active = yb * (Xb @ w + b) < 1.0
        eta = 1.0 / (lam * t)
        w = (1 - eta * lam) * w + eta * (Xb[active].T @ yb[active]) / batch_size
        b += eta * yb[active].sum() / batch_size
        norm = np.linalg.norm(w)
        if norm > radius:
            w *= radius / norm
    return w, float(b)
