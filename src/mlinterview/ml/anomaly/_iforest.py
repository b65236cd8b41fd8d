"""Isolation forest (Liu, Ting and Zhou, ICDM 2008; TKDD 2012).

Each tree is grown on a random subsample of ``max_samples`` rows by splitting on a random
feature at a uniform random threshold between the node's min and max, until a node holds
one row or the depth limit ``ceil(log2(max_samples))`` is reached. Anomalies are few and
different, so they are isolated close to the root. The path length of ``x`` in a tree is
its leaf depth plus ``c(n_leaf)``, the expected depth still needed to isolate the
``n_leaf`` rows left in that leaf; the anomaly score is

.. math:: s(x) = 2^{-E[h(x)] / c(\\psi)},\\qquad
          c(n) = 2 (H_{n-1}) - 2 (n-1)/n,\\ H_i \\approx \\ln i + \\gamma

(the average path length of an unsuccessful search in a binary search tree of ``n``
keys), ``psi`` the subsample size. ``score_samples = -s`` as in scikit-learn.

Implementation: every tree is stored as a *complete* binary tree of depth ``L`` in heap
order (children of node ``i`` are ``2i+1`` and ``2i+2``). A leaf above depth ``L`` gets
threshold ``+inf`` (everything goes left) and its value is copied to its left-most
descendant at depth ``L``, so scoring is exactly ``L`` vectorised steps for all rows and
trees at once, with no per-row branching (for scoring, the trees are laid out as subtrees
of one big heap, see :meth:`IsolationForest.path_length`). Growing is level by level, all
trees together.
"""

from __future__ import annotations

import numbers

import numpy as np

from mlinterview.ml._validation import (
    check_is_fitted,
    check_random_state,
    check_scalar,
    check_X,
)
from mlinterview.ml.anomaly._base import OutlierMixin


def average_path_length(n) -> np.ndarray:
    """``c(n)``: average path length of an unsuccessful BST search among ``n`` points.

    ``c(n) = 2 (ln(n-1) + gamma) - 2 (n-1)/n`` for ``n > 2``, ``c(2) = 1``,
    ``c(1) = c(0) = 0``; elementwise, same shape as ``n``.
    """
    n = np.asarray(n, dtype=np.float64)
    out = np.zeros_like(n)
    big = n > 2
    m = n[big]
    out[big] = 2.0 * (np.log(m - 1.0) + np.euler_gamma) - 2.0 * (m - 1.0) / m
    out[n == 2] = 1.0
    return out


class IsolationForest(OutlierMixin):
    """Isolation forest anomaly detector with scikit-learn's parameters and signs.

    Parameters
    ----------
    n_estimators : int, default=100
    max_samples : "auto", int or float, default="auto" — rows per tree:
        ``min(256, n_samples)``, an int (capped at ``n_samples``), or a share of
        ``n_samples``.
    contamination : "auto" or float in (0, 0.5], default="auto" — "auto" sets
        ``offset_ = -0.5`` (the paper's cut: ``s > 0.5`` is anomalous); a float sets it to
        that quantile of the training scores.
    random_state : None, int or np.random.Generator

    Attributes
    ----------
    max_samples_ : int; offset_ : float; n_features_in_ : int; depth_ : int, the depth
    limit; feature_, threshold_ : (n_estimators, 2**depth_ - 1) split of every internal
    node; leaf_value_ : (n_estimators, 2**depth_) path length at each bottom node.
    """

    def __init__(self, *, n_estimators=100, max_samples="auto", contamination="auto",
                 random_state=None):
        self.n_estimators = n_estimators
        self.max_samples = max_samples
        self.contamination = contamination
        self.random_state = random_state

    def _n_sub(self, n: int) -> int:
        m = self.max_samples
        if isinstance(m, str):
            if m != "auto":
                raise ValueError(f"max_samples: expected 'auto', an int or a float, got {m!r}")
            return min(256, n)
        if isinstance(m, numbers.Integral) and not isinstance(m, bool):
            check_scalar(m, "max_samples", numbers.Integral, lo=1)
            return min(int(m), n)
        check_scalar(m, "max_samples", numbers.Real, lo=0.0, hi=1.0, include_lo=False)
        return max(1, int(m * n))

    def fit(self, X, y=None):
        """Grow ``n_estimators`` isolation trees on subsamples of ``X (n_samples,
        n_features)``, then set ``offset_``."""
        check_scalar(self.n_estimators, "n_estimators", numbers.Integral, lo=1)
        self._check_contamination()
        # Two rows at least: the path-length normaliser c(max_samples) is 0 for one.
        X = check_X(X, "X", min_samples=2).astype(np.float64, copy=False)
        rng = check_random_state(self.random_state)
        n, d = X.shape
        psi = self._n_sub(n)
        T = int(self.n_estimators)
        L = max(int(np.ceil(np.log2(max(psi, 2)))), 1)
        self.max_samples_, self.depth_, self.n_features_in_ = psi, L, d
        n_internal = 2**L - 1
        feature = np.zeros((T, n_internal), dtype=np.intp)
        threshold = np.full((T, n_internal), np.inf)
        leaf_value = np.zeros((T, 2**L))

        # Rows of all trees stacked: tree t owns rows [t*psi, (t+1)*psi).
        sub = np.concatenate([rng.choice(n, size=psi, replace=False) for _ in range(T)])
        Xs = X[sub]
        tree = np.repeat(np.arange(T), psi)
        node = np.zeros(T * psi, dtype=np.intp)        # heap index of each row's node
        active = np.arange(T * psi)                    # rows whose node is not a leaf yet
        for depth in range(L + 1):
            if active.size == 0:
                break
            key = tree[active] * (2 ** (L + 1)) + node[active]
            order = np.argsort(key, kind="stable")
            active, key = active[order], key[order]
            starts = np.r_[0, np.flatnonzero(np.diff(key)) + 1]
            count = np.diff(np.r_[starts, key.size])
            g_tree, g_node = tree[active[starts]], node[active[starts]]
            lo = np.minimum.reduceat(Xs[active], starts, axis=0)
            hi = np.maximum.reduceat(Xs[active], starts, axis=0)
            splittable = hi > lo                       # features not constant in the node
            is_leaf = (count <= 1) | (depth == L) | ~splittable.any(axis=1)

            # Leaves: path length = depth + c(rows left), copied to the left-most bottom node.
            lt, ln = g_tree[is_leaf], g_node[is_leaf]
            bottom = (ln + 1) * 2 ** (L - depth) - 1 - n_internal
            leaf_value[lt, bottom] = depth + average_path_length(count[is_leaf])

            # Internal nodes: a random non-constant feature, a uniform threshold in [lo, hi).
            split = ~is_leaf
            ok = splittable[split]
            n_ok = ok.sum(axis=1)
            pick = np.minimum((rng.random(n_ok.size) * n_ok).astype(np.intp), n_ok - 1)
            f = np.argmax(np.cumsum(ok, axis=1) > pick[:, None], axis=1)
            rows = np.arange(f.size)
            f_lo, f_hi = lo[split][rows, f], hi[split][rows, f]
            t = f_lo + rng.random(f.size) * (f_hi - f_lo)
            t = np.where(t >= f_hi, f_lo, t)           # rounding: keep the right side non-empty
            st, sn = g_tree[split], g_node[split]
            feature[st, sn], threshold[st, sn] = f, t

            # Send the rows of internal nodes one level down; rows of leaves stop.
            group = np.repeat(np.arange(starts.size), count)
            keep = split[group]
            active = active[keep]
            a_tree, a_node = tree[active], node[active]
            right = Xs[active, feature[a_tree, a_node]] > threshold[a_tree, a_node]
            node[active] = 2 * a_node + 1 + right
        self.feature_, self.threshold_, self.leaf_value_ = feature, threshold, leaf_value
        self.offset_ = -0.5
        if self.contamination != "auto":   # only a float needs the training scores
            self._set_offset(self.score_samples(X), -0.5)
        return self

    def path_length(self, X, *, chunk: int = 512) -> np.ndarray:
        """Mean path length ``E[h(x)]`` over the trees, shape (n_samples,)."""
        X = self._check_X(X).astype(np.float64, copy=False)
        T, L = self.feature_.shape[0], self.depth_
        # All trees as subtrees of one heap numbered from 1 (children of node i are 2i and
        # 2i + 1): tree t's root is node 2**D + t, with 2**D >= T. One step down, for every
        # tree and row at once, is then ``i = 2 i + (x > threshold)``, and tree t's node q
        # at depth d is node 2**(D + d) + t 2**d + q.
        D = max(int(np.ceil(np.log2(T))), 0)
        feat = np.zeros(2 ** (D + L), dtype=np.intp)
        thr = np.full(2 ** (D + L), np.inf)
        for d in range(L):
            first = 2 ** (D + d)
            level = slice(2**d - 1, 2 ** (d + 1) - 1)      # depth d in each tree's heap
            feat[first:first + T * 2**d] = self.feature_[:, level].ravel()
            thr[first:first + T * 2**d] = self.threshold_[:, level].ravel()
        leaf = self.leaf_value_.ravel()          # node 2**(D + L) + t 2**L + q -> [t, q]
        roots = (2**D + np.arange(T))[:, None]
        out = np.empty(X.shape[0])
        # Rows in chunks: the (trees, rows) work arrays stay in cache.
        for start in range(0, X.shape[0], chunk):
            Xc = np.ascontiguousarray(X[start:start + chunk])
            m, d = Xc.shape
            row_offset = np.arange(m) * d            # x[row, f] is Xc.ravel()[row * d + f]
            Xc = Xc.ravel()
            idx = np.repeat(roots, m, axis=1)                                     # (T, m)
            for _ in range(L):
                where = feat[idx]
                where += row_offset
                right = Xc[where] > thr[idx]
                idx <<= 1
                idx += right
            out[start:start + m] = leaf[idx - 2 ** (D + L)].mean(axis=0)
        return out

    def score_samples(self, X) -> np.ndarray:
        """``-2 ** (-E[h(x)] / c(max_samples_))`` in [-1, 0), shape (n_samples,); the lower,
        the more anomalous (about -1 for clear anomalies, about -0.5 or above for normal
        points)."""
        check_is_fitted(self, ["max_samples_"])
        c = average_path_length(self.max_samples_)
        return -(2.0 ** (-self.path_length(X) / c))
