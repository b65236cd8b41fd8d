"""Sequential minimal optimisation (SMO) for the C-SVC dual, as LIBSVM solves it.

The dual of the soft-margin SVM with labels ``y_i ∈ {-1, +1}`` is

    min_α  ½ αᵀQα - Σ α_i    subject to  0 ≤ α_i ≤ C,  Σ y_i α_i = 0,

with ``Q_ij = y_i y_j K(x_i, x_j)``. SMO changes two multipliers at a time (the least
that keeps ``Σ y_i α_i = 0``), which has a closed-form solution. Which pair matters:

* ``i`` is the most violating multiplier that can still move "up" (largest ``-y_t G_t``
  over the set ``I_up``);
* ``j`` is chosen with second-order information (WSS3 of Fan, Chen & Lin 2005): among the
  ``I_low`` candidates, the one whose pair step decreases the objective the most,
  ``-(grad_diff)² / (K_ii + K_jj - 2K_ij)``.

The KKT conditions hold within ``tol`` when ``max_{I_up} -y G - min_{I_low} -y G < tol``;
that is LIBSVM's stopping rule. The loop is sequential by nature (each step depends on the
last), but everything inside a step is a vector operation over all samples: the selection
scans and the gradient update ``G += Q[:, i] Δα_i + Q[:, j] Δα_j``, which needs only two
kernel columns — hence the kernel cache.

Sources: Platt (1998); Fan, Chen & Lin, "Working set selection using second order
information", JMLR 6 (2005); Chang & Lin, LIBSVM (``svm.cpp``: ``Solver``).
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np

TAU = 1e-12  # stands in for a non-positive curvature (indefinite kernels, duplicate points)


def kernel_block(A, B, kernel, gamma, degree, coef0, sq_A=None, sq_B=None):
    """``K(A, B)`` of shape ``(len(A), len(B))`` without input checks (inner loops).

    ``sq_A``/``sq_B`` are optional precomputed squared row norms for the rbf kernel.
    """
    K = A @ B.T
    if kernel == "linear":
        return K
    # In-place arithmetic from here: for the full n x n matrix every temporary is n² floats.
    if kernel == "poly":
        K *= gamma
        K += coef0
        return K ** degree
    if kernel == "sigmoid":
        K *= gamma
        K += coef0
        return np.tanh(K, out=K)
    sq_A = (A * A).sum(1) if sq_A is None else sq_A
    sq_B = (B * B).sum(1) if sq_B is None else sq_B
    K *= -2.0                                  # ||a - b||² = ||a||² + ||b||² - 2 a·b
    K += sq_A[:, None]
    K += sq_B[None, :]
    np.maximum(K, 0.0, out=K)                  # rounding can leave tiny negatives
    K *= -gamma
    return np.exp(K, out=K)


class KernelCache:
    """Columns ``K[:, i]`` of the training kernel matrix, computed on demand.

    The cache holds at most ``cache_size`` MB, evicting the least recently used column.
    If the whole ``n x n`` matrix fits, it is computed at once (one matrix product is far
    cheaper than ``n`` separate columns).
    """

    def __init__(self, X, kernel, gamma, degree, coef0, cache_size=200.0):
        self.X = X
        self.params = (kernel, gamma, degree, coef0)
        self.sq = (X * X).sum(1)
        n = len(X)
        self.capacity = max(2, int(cache_size * 2**20 // (8 * max(n, 1))))
        self.full = None
        if self.capacity >= n:
            self.full = kernel_block(X, X, *self.params, self.sq, self.sq)
        self.columns: OrderedDict[int, np.ndarray] = OrderedDict()
        self.hits = self.misses = 0

    def diagonal(self) -> np.ndarray:
        """``K_ii`` for every sample, shape ``(n,)``."""
        if self.full is not None:
            return self.full.diagonal().copy()
        kernel, gamma, degree, coef0 = self.params
        if kernel == "rbf":
            return np.ones(len(self.X))
        dot = self.sq
        if kernel == "linear":
            return dot.copy()
        if kernel == "poly":
            return (gamma * dot + coef0) ** degree
        return np.tanh(gamma * dot + coef0)

    def column(self, i: int) -> np.ndarray:
        """``K[:, i]``, shape ``(n,)``."""
        if self.full is not None:
            return self.full[i]          # the matrix is symmetric: a contiguous row
        col = self.columns.get(i)
        if col is not None:
            self.hits += 1
            self.columns.move_to_end(i)
            return col
        self.misses += 1
        col = kernel_block(self.X, self.X[i:i + 1], *self.params, self.sq,
                           self.sq[i:i + 1])[:, 0]
        self.columns[i] = col
        if len(self.columns) > self.capacity:
            self.columns.popitem(last=False)
        return col


def smo(cache: KernelCache, y: np.ndarray, C: float, tol: float, max_iter: int = -1):
    """Solve the C-SVC dual for labels ``y (n,)`` in ``{-1, +1}``.

    Returns ``(alpha (n,), rho, n_iter, converged)``; the decision function is
    ``f(x) = Σ_i y_i α_i K(x_i, x) - rho``.
    """
    n = len(y)
    alpha = np.zeros(n)
    # yG = y * G, with G = Qα - 1 the gradient of the dual objective (G = -1 at α = 0).
    # Working with yG saves a multiplication per step: Q[:, t] = y y_t K[:, t], so
    # yG changes by y_t Δα_t K[:, t].
    yG = -y.astype(float)
    QD = cache.diagonal()
    pos = y > 0
    # I_up: α_t can still move in the direction +y_t; I_low: in the direction -y_t.
    # At α = 0 that is the positives for I_up and the negatives for I_low.
    up, low = pos.copy(), ~pos
    limit = max(10_000_000, 100 * n) if max_iter < 0 else max_iter
    n_iter = 0
    converged = False
    rev = slice(None, None, -1)
    while n_iter < limit:
        # --- working-set selection (WSS3) ---------------------------------------------
        # i: the largest -y_t G_t over I_up (last maximiser, like LIBSVM's ">=").
        cand = np.where(up, yG, np.inf)
        i = n - 1 - int(np.argmin(cand[rev]))
        g_max = -cand[i]
        yG_low = np.where(low, yG, -np.inf)
        if g_max + yG_low.max() < tol:        # KKT gap m(α) - M(α) below tol: optimal
            converged = True
            break
        Ki = cache.column(i)
        # j: the I_low candidate whose pair step with i decreases the objective the most,
        # -(grad_diff)² / (K_ii + K_jj - 2 K_ij), among those with grad_diff > 0.
        grad_diff = g_max + yG_low                      # -inf outside I_low
        quad = QD[i] + QD - 2.0 * Ki
        np.maximum(quad, TAU, out=quad)                 # LIBSVM uses TAU when quad <= 0
        obj = np.where(grad_diff > 0, -(grad_diff * grad_diff) / quad, np.inf)
        j = n - 1 - int(np.argmin(obj[rev]))
        if not obj[j] < np.inf:
            converged = True
            break
        n_iter += 1
        Kj = cache.column(j)
        # --- analytic two-variable step, clipped to the box (LIBSVM's update) -------------
        ai, aj = alpha[i], alpha[j]
        Gi, Gj = y[i] * yG[i], y[j] * yG[j]
        q = max(QD[i] + QD[j] - 2.0 * Ki[j], TAU)
        if y[i] != y[j]:
            delta = (-Gi - Gj) / q
            diff = ai - aj
            ai, aj = ai + delta, aj + delta
            if diff > 0:
                if aj < 0:
                    aj, ai = 0.0, diff
            elif ai < 0:
                ai, aj = 0.0, -diff
            if diff > 0:
                if ai > C:
                    ai, aj = C, C - diff
            elif aj > C:
                aj, ai = C, C + diff
        else:
            delta = (Gi - Gj) / q
            total = ai + aj
            ai, aj = ai - delta, aj + delta
            if total > C:
                if ai > C:
                    ai, aj = C, total - C
            elif aj < 0:
                aj, ai = 0.0, total
            if total > C:
                if aj > C:
                    aj, ai = C, total - C
            elif ai < 0:
                ai, aj = 0.0, total
        # One vector update of the whole gradient from the two kernel rows.
        yG += (y[i] * (ai - alpha[i])) * Ki + (y[j] * (aj - alpha[j])) * Kj
        alpha[i], alpha[j] = ai, aj
        for t in (i, j):                                # only these two can change set
            up[t] = alpha[t] < C if pos[t] else alpha[t] > 0
            low[t] = alpha[t] > 0 if pos[t] else alpha[t] < C
    G = y * yG
    return alpha, _rho(alpha, G, y, C), n_iter, converged


def _rho(alpha, G, y, C) -> float:
    """The offset: mean of ``y G`` over free multipliers, else the middle of the KKT bounds."""
    yG = y * G
    free = (alpha > 0) & (alpha < C)
    if free.any():
        return float(yG[free].mean())
    upper, lower = alpha >= C, alpha <= 0
    pos = y > 0
    ub_mask = (upper & ~pos) | (lower & pos)
    lb_mask = (upper & pos) | (lower & ~pos)
    ub = yG[ub_mask].min() if ub_mask.any() else np.inf
    lb = yG[lb_mask].max() if lb_mask.any() else -np.inf
    return float((ub + lb) / 2)
