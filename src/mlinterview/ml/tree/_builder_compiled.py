"""Compiled twin of the level-wise builder (:mod:`mlinterview.ml.tree._builder`).

The readable builder scores every split of a level with whole-array NumPy operations; for
deep trees (random forests grow them to purity) a level is many small nodes, and the
temporaries of shape ``(n_stats, n_rows, n_samples)`` and the rewrite of ``order`` cost
more than the arithmetic. This twin keeps the same algorithm and the same layout
(``order`` rows sorted by feature, one block per node, levels grown one at a time) and
replaces the two hot steps with loops compiled by Numba:

- :func:`_find_splits` — ``best_splits``: per node, the features to try, then one running
  sum along each row. It does the *same floating-point operations in the same order* as
  the NumPy version (the running sums run along the whole row of the level, as
  ``np.cumsum`` does, and a block's sums are differences of that row sum), so every score,
  and hence every tie-break, is the same bit for bit;
- :func:`_partition` — ``partition``: the stable split of each block in every row.

The Python loop over levels, the random draws (one ``rng.random((S, n_features))`` per
level, as the readable builder makes them), the node descriptions and the tree arrays
are shared with the readable builder, so both build identical trees
(``tests/ml/tree/test_builder_compiled.py``). Used by the tree classes when
:func:`mlinterview.ml._numba.worth_compiling` says so (numba usable, and already imported or
``n_samples * n_features`` large enough), for depth-first growth with the gini,
entropy (integer sample weights only, see :func:`_entropy_table`) and squared-error
criteria; anything else uses the readable builder.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml._numba import njit
from mlinterview.ml.tree._builder import (
    FEATURE_THRESHOLD,
    Params,
    Splits,
    _describe_nodes,
    _is_leaf,
    drop_small_decreases,
    presort,
)
from mlinterview.ml.tree._criterion import ClassificationCriterion, SquaredError, clogc
from mlinterview.ml.tree._tree import TREE_LEAF, TREE_UNDEFINED, Tree
from mlinterview.ml.tree.criteria import gini_from_counts

GINI, ENTROPY, SQUARED_ERROR = 0, 1, 2
# Largest total weight for which the entropy table (one float per integer weight) is built.
_MAX_TABLE = 1 << 24


def _entropy_table(weight: np.ndarray) -> np.ndarray | None:
    """``clogc(0), clogc(1), ... clogc(total weight)``, or None if weights are not integers.

    NumPy's ``log2`` (SIMD) and the C library's (what Numba calls) differ in the last bit
    for some inputs, and a last-bit difference can flip a tie between two splits. With
    integer weights every class count is an integer, so the compiled loop looks the terms
    up in a table that NumPy computed with the readable builder's own function.
    """
    total = float(weight.sum())
    if total > _MAX_TABLE or not np.array_equal(weight, np.floor(weight)):
        return None
    return clogc(np.arange(int(total) + 1, dtype=np.float64))


def criterion_kind(crit) -> tuple[int, np.ndarray] | None:
    """``(kind, entropy table)`` for criteria the twin supports, else None."""
    if isinstance(crit, SquaredError):
        return SQUARED_ERROR, np.zeros(1)
    if isinstance(crit, ClassificationCriterion):
        if crit._impurity is gini_from_counts:
            return GINI, np.zeros(1)
        table = _entropy_table(crit.weight)
        return None if table is None else (ENTROPY, table)
    return None


@njit(cache=True, nogil=True)
def _find_splits(Xt, order, starts, ends, try_split, priority, max_features, stats, kind,
                 table, min_samples_leaf, min_weight_leaf, feature_threshold):
    """Best split of every block ``s`` with ``try_split[s]`` (see ``best_splits``).

    ``stats (n_samples, n_stats)`` is the criterion's per-sample statistics (sample-major:
    one sample's values share a cache line). ``priority (n_try, n_features)`` holds the
    random draws of the level (empty when every feature is tried). Returns ``best_row``,
    ``pos`` (-1: none found), ``feature``, ``threshold``, ``w_left``, ``w_right`` of shape
    ``(S,)`` and the children's statistics ``left``, ``right`` of shape ``(n_stats, S)``.
    """
    F = Xt.shape[0]
    S = starts.shape[0]
    k = stats.shape[1]
    n_try = 0
    for s in range(S):
        n_try += try_split[s]
    R = F if priority.shape[0] == 0 else max_features
    # Features tried by each node, slot by slot (``_features_to_try``): all of them in
    # order, or the max_features smallest priorities, constant features pushed back.
    feats = np.empty((n_try, R), dtype=np.int64)
    t = 0
    for s in range(S):
        if not try_split[s]:
            continue
        if priority.shape[0] == 0:
            for r in range(R):
                feats[t, r] = r
        else:
            pr = np.empty(F)
            for f in range(F):
                lo = Xt[f, order[f, starts[s]]]
                hi = Xt[f, order[f, ends[s] - 1]]
                # float32 + float32 as NumPy does for ``lo + FEATURE_THRESHOLD``.
                constant = np.float64(hi) <= np.float64(lo + np.float32(feature_threshold))
                pr[f] = priority[t, f] + (1.0 if constant else 0.0)
            feats[t] = np.argsort(pr)[:R]
        t += 1

    best = np.full(S, -np.inf)
    best_row = np.full(S, -1, dtype=np.int64)
    best_pos = np.full(S, -1, dtype=np.int64)
    feature = np.full(S, -2, dtype=np.int64)
    threshold = np.full(S, -2.0)
    w_left = np.zeros(S)
    w_right = np.zeros(S)
    left_out = np.zeros((k, S))
    right_out = np.zeros((k, S))
    longest = 0
    for s in range(S):
        longest = max(longest, ends[s] - starts[s])
    # One block's statistics and feature values in sorted order: gathered once (the only
    # random reads), then both passes below run over contiguous memory.
    block_stats = np.empty((longest, k))
    block_x = np.empty(longest)
    row_sum = np.zeros(k)      # the running sum along the whole row (np.cumsum's)
    at_start = np.zeros(k)
    total = np.zeros(k)
    run = np.zeros(k)
    left = np.zeros(k)
    right = np.zeros(k)
    for r in range(R):
        row_sum[:] = 0.0
        t = -1
        for s in range(S):
            if not try_split[s]:
                continue
            t += 1
            f = feats[t, r]
            a, b = starts[s], ends[s]
            at_start[:] = row_sum
            for p in range(b - a):        # gather, and the row sum at the block's end
                i = order[f, a + p]
                block_x[p] = Xt[f, i]
                for j in range(k):
                    block_stats[p, j] = stats[i, j]
                    row_sum[j] += stats[i, j]
            for j in range(k):
                total[j] = row_sum[j] - at_start[j]
                run[j] = at_start[j]
            for p in range(b - a - 1):
                for j in range(k):
                    run[j] += block_stats[p, j]
                if p + 1 < min_samples_leaf or b - a - p - 1 < min_samples_leaf:
                    continue
                x0, x1 = block_x[p], block_x[p + 1]
                if not x1 > x0 + feature_threshold:
                    continue
                for j in range(k):
                    left[j] = run[j] - at_start[j]
                    right[j] = total[j] - left[j]
                wl, wr = left[0], right[0]
                if kind != SQUARED_ERROR:
                    for j in range(1, k):
                        wl += left[j]
                        wr += right[j]
                if wl < min_weight_leaf or wr < min_weight_leaf:
                    continue
                if kind == GINI:
                    ql, qr = left[0] * left[0], right[0] * right[0]
                    for j in range(1, k):
                        ql += left[j] * left[j]
                        qr += right[j] * right[j]
                    proxy = ql / wl + qr / wr
                elif kind == ENTROPY:
                    el, er = table[int(left[0])], table[int(right[0])]
                    for j in range(1, k):
                        el += table[int(left[j])]
                        er += table[int(right[j])]
                    proxy = el + er - table[int(wl)] - table[int(wr)]
                else:
                    proxy = left[1] * left[1] / wl + right[1] * right[1] / wr
                if proxy > best[s]:            # strict: the first row, then the first column
                    best[s] = proxy
                    best_row[s] = r
                    best_pos[s] = a + p
                    feature[s] = f
                    threshold[s] = x0 / 2.0 + x1 / 2.0
                    w_left[s], w_right[s] = wl, wr
                    for j in range(k):
                        left_out[j, s] = left[j]
                        right_out[j, s] = right[j]
    return best_row, best_pos, feature, threshold, w_left, w_right, left_out, right_out


@njit(cache=True, nogil=True)
def _partition(order, starts, ends, found, feature, n_left, n_samples):
    """Children blocks of the ``found`` blocks, each block split stably in every row.

    Returns the new ``order (n_features, m')``: the blocks of the found nodes only, each
    as its left samples then its right samples, in their original order (``partition``
    after ``_keep_blocks``).
    """
    F = order.shape[0]
    S = starts.shape[0]
    goes_left = np.zeros(n_samples, dtype=np.bool_)
    m_new = 0
    for s in range(S):
        if found[s]:
            m_new += ends[s] - starts[s]
            f = feature[s]
            for p in range(starts[s], starts[s] + n_left[s]):
                goes_left[order[f, p]] = True
    new_order = np.empty((F, m_new), dtype=order.dtype)
    for f in range(F):
        out = 0
        for s in range(S):
            if not found[s]:
                continue
            lft, rgt = out, out + n_left[s]
            for p in range(starts[s], ends[s]):
                i = order[f, p]
                g = np.int64(goes_left[i])
                # Arithmetic instead of an if: the side is a coin flip the branch
                # predictor cannot learn, and a mispredicted branch costs more than this.
                new_order[f, rgt + g * (lft - rgt)] = i
                lft += g
                rgt += 1 - g
            out += ends[s] - starts[s]
    return new_order


def build_depth_first_compiled(crit, Xt, p: Params, order=None) -> Tree | None:
    """The tree ``build_depth_first`` grows, built with the compiled steps.

    Returns None when the criterion is not supported (the caller then uses the readable
    builder).
    """
    kind = criterion_kind(crit)
    if kind is None:
        return None
    kind, table = kind
    order = presort(Xt) if order is None else order
    # int32 halves the memory the partition moves at every level.
    order = np.ascontiguousarray(order, dtype=np.int32)
    F, n = Xt.shape
    starts, ends = np.array([0]), np.array([n])
    total_weight = float(crit.weight.sum())
    stats = np.ascontiguousarray(crit.stats.T, dtype=np.float64)    # (n, n_stats)
    no_draws = np.empty((0, F))
    # Node arrays, one entry per level (nodes are numbered in creation order, level by
    # level, as the readable builder's _Nodes does), and the splits made.
    described = _describe_nodes(crit, order, starts, ends)
    levels = [described]
    impurity, _, _, w = described
    ids = np.arange(1)
    parents, split_features, thresholds, first_children = [], [], [], []
    n_nodes, depth = 1, 0
    while len(ids):
        try_split = ~_is_leaf(impurity, ends - starts, w, depth, p)
        n_try = int(try_split.sum())
        if not n_try:
            break
        # The same draws as the readable builder: one row per node tried, in level order.
        priority = p.rng.random((n_try, F)) if p.max_features < F else no_draws
        row, pos, feature, threshold, wl, wr, left, right = _find_splits(
            Xt, order, starts, ends, try_split, priority, p.max_features, stats, kind,
            table, p.min_samples_leaf, p.min_weight_leaf, FEATURE_THRESHOLD)
        tried = np.flatnonzero(try_split)
        with np.errstate(divide="ignore", invalid="ignore"):
            imp_l, imp_r = crit.children_impurity(left[:, tried], right[:, tried])
        split = Splits(found=row[tried] >= 0, feature=feature[tried], threshold=threshold[tried],
                       n_left=pos[tried] - starts[tried] + 1, imp_left=imp_l, imp_right=imp_r,
                       w_left=wl[tried], w_right=wr[tried])
        split = drop_small_decreases(split, impurity[tried], total_weight, p)
        found = np.zeros(len(ids), dtype=bool)
        found[tried] = split.found
        if not found.any():
            break
        n_left = np.zeros(len(ids), dtype=np.int64)
        n_left[tried] = split.n_left
        order = _partition(order, starts, ends, found, feature, n_left, n)
        mid = starts[found] + n_left[found]
        lengths = np.stack([n_left[found], ends[found] - mid], axis=1).ravel()
        ends = np.cumsum(lengths)
        starts = ends - lengths
        described = _describe_nodes(crit, order, starts, ends)
        levels.append(described)
        impurity, _, _, w = described
        parents.append(ids[found])
        split_features.append(feature[found])
        thresholds.append(threshold[found])
        first_children.append(n_nodes + 2 * np.arange(int(found.sum())))
        ids = n_nodes + np.arange(len(starts))
        n_nodes += len(starts)
        depth += 1
    return _assemble(levels, parents, split_features, thresholds, first_children, F)


def _assemble(levels, parents, features, thresholds, first_children, n_features) -> Tree:
    """The tree from the per-level node descriptions and splits, numbered depth-first."""
    impurity, value, n_node, weight = (np.concatenate(c) for c in zip(*levels, strict=True))
    left = np.full(len(impurity), TREE_LEAF, dtype=np.intp)
    right = left.copy()
    feature = np.full(len(impurity), TREE_UNDEFINED, dtype=np.intp)
    threshold = np.full(len(impurity), float(TREE_UNDEFINED))
    if parents:
        split = np.concatenate(parents)
        left[split] = np.concatenate(first_children)
        right[split] = left[split] + 1
        feature[split] = np.concatenate(features)
        threshold[split] = np.concatenate(thresholds)
    tree = Tree(children_left=left, children_right=right, feature=feature,
                threshold=threshold, value=value[:, None, :], impurity=impurity,
                n_node_samples=n_node, weighted_n_node_samples=weight, n_features=n_features)
    return tree.preorder(_preorder_walk(left, right))


@njit(cache=True, nogil=True)
def _preorder_walk(children_left, children_right):
    """Node ids in depth-first order, left before right (``Tree.preorder``'s walk)."""
    order = np.empty(children_left.shape[0], dtype=np.int64)
    stack = np.empty(children_left.shape[0] + 1, dtype=np.int64)
    stack[0] = 0
    top, k = 1, 0
    while top:
        top -= 1
        i = stack[top]
        order[k] = i
        k += 1
        if children_left[i] != -1:
            stack[top] = children_right[i]        # pushed first, visited second
            stack[top + 1] = children_left[i]
            top += 2
    return order
