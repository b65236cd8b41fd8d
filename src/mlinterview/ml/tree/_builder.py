"""Growing a CART tree: sort once, then score every split of a whole level with arrays.

``order`` is an ``(n_features, m)`` array: row ``f`` lists the samples of the nodes being
split, node by node (node ``s`` in columns ``starts[s]:ends[s]``, the same columns in
every row), each node's block sorted by feature ``f``. It is built with one ``argsort``
per feature at the root and never sorted again: splitting a node is a *stable
partition* of its block in every row (left samples first, each side keeping its order),
which keeps every block sorted.

With that layout one call of :func:`best_splits` scores every threshold of every
feature of every node in the level: the criterion's cumulative sums run along the rows,
and a per-block maximum picks each node's split. The Python loop is over depth levels
(or, best-first, over nodes), never over samples or thresholds.

Stopping rules and tie-breaking follow scikit-learn's ``DepthFirstTreeBuilder`` and
``BestFirstTreeBuilder`` so that, on data without tied splits, the trees are the same.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np

from mlinterview.ml.tree._tree import TREE_LEAF, TREE_UNDEFINED, Tree

EPSILON = np.finfo(np.float64).eps
# Two feature values closer than this count as equal: no threshold between them.
FEATURE_THRESHOLD = 1e-7


@dataclass
class Params:
    """Stopping rules, resolved from the estimator's parameters in ``fit``."""

    max_depth: int
    min_samples_split: int
    min_samples_leaf: int
    min_weight_leaf: float
    min_impurity_decrease: float
    max_features: int
    max_leaf_nodes: int | None
    rng: np.random.Generator


@dataclass
class Splits:
    """The best split of each node of a level (``found[s]`` False: none was valid)."""

    found: np.ndarray
    feature: np.ndarray
    threshold: np.ndarray
    n_left: np.ndarray
    imp_left: np.ndarray
    imp_right: np.ndarray
    w_left: np.ndarray
    w_right: np.ndarray


def _features_to_try(Xt, order, starts, ends, p: Params) -> np.ndarray | None:
    """``(S, max_features)`` features drawn for each node, or None for all of them.

    Like scikit-learn, features that are constant inside a node do not use up the
    budget: each node draws ``max_features`` of its non-constant features uniformly
    (random priorities, constant features pushed to the back).
    """
    F = Xt.shape[0]
    if p.max_features >= F:
        return None
    rows = np.arange(F)[:, None]
    lo, hi = Xt[rows, order[:, starts]], Xt[rows, order[:, ends - 1]]
    constant = (hi.astype(np.float64) <= lo + FEATURE_THRESHOLD).T          # (S, F)
    priority = p.rng.random(constant.shape) + constant
    return np.argsort(priority, axis=1)[:, :p.max_features]


def best_splits(crit, Xt, order, starts, ends, p: Params, total_weight: float,
                node_impurity: np.ndarray) -> Splits:
    """Best split of each node whose samples ``order`` holds (see module docstring)."""
    m = order.shape[1]
    col = np.arange(m)
    seg_of_col = np.repeat(np.arange(len(starts)), ends - starts)
    feats = _features_to_try(Xt, order, starts, ends, p)
    if feats is None:
        feat_rc = np.broadcast_to(np.arange(Xt.shape[0])[:, None], order.shape)
        idx = order
    else:
        feat_rc = feats[seg_of_col].T                                        # (R, m)
        idx = order[feat_rc, col]
    vals = Xt[feat_rc, idx].astype(np.float64)

    scores = crit.splits(idx, starts, ends)
    wl, wr = scores.w_left, scores.w_right
    n_left = col - starts[seg_of_col] + 1
    n_right = ends[seg_of_col] - col - 1
    distinct = np.zeros(vals.shape, dtype=bool)
    distinct[:, :-1] = vals[:, 1:] > vals[:, :-1] + FEATURE_THRESHOLD
    valid = (distinct & (n_left >= p.min_samples_leaf) & (n_right >= p.min_samples_leaf)
             & (wl >= p.min_weight_leaf) & (wr >= p.min_weight_leaf))
    score = np.where(valid, scores.proxy, -np.inf)

    # Best per node: max over each block, then the first row (feature) reaching it, then
    # the first column in that row — scikit-learn keeps the first strict maximum.
    row_best = np.maximum.reduceat(score, starts, axis=1)                   # (R, S)
    best = row_best.max(axis=0)
    best_row = row_best.argmax(axis=0)
    hits = np.flatnonzero(score[best_row[seg_of_col], col] == best[seg_of_col])
    pos = hits[np.searchsorted(hits, starts)]
    r = best_row
    found = np.isfinite(best)

    threshold = vals[r, pos] / 2.0 + vals[r, np.minimum(pos + 1, m - 1)] / 2.0
    with np.errstate(divide="ignore", invalid="ignore"):
        imp_l, imp_r = scores.children(r, pos)
    out = Splits(found=found, feature=feat_rc[r, pos].astype(np.intp), threshold=threshold,
                 n_left=n_left[pos], imp_left=imp_l, imp_right=imp_r,
                 w_left=wl[r, pos], w_right=wr[r, pos])
    return drop_small_decreases(out, node_impurity, total_weight, p)


def drop_small_decreases(out: Splits, node_impurity, total_weight: float, p: Params) -> Splits:
    """Unset ``found`` where the impurity decrease is below ``min_impurity_decrease``."""
    # Weighted impurity decrease, as a fraction of the whole training set's weight.
    w_node = out.w_left + out.w_right
    with np.errstate(invalid="ignore"):
        improvement = w_node / total_weight * (
            node_impurity - out.w_right / w_node * out.imp_right
            - out.w_left / w_node * out.imp_left)
    out.found &= ~(improvement + EPSILON < p.min_impurity_decrease)
    return out


def partition(order, starts, ends, split: Splits, Xt):
    """Stable partition of each node's block into left then right, in every row.

    Returns the new ``order`` and the blocks of the children (left, right, left, ...).
    """
    F, m = order.shape
    seg_of_col = np.repeat(np.arange(len(starts)), ends - starts)
    col = np.arange(m)
    # Who goes left: the first n_left samples of the block in the split feature's row.
    n = Xt.shape[1]
    goes_left = np.zeros(n, dtype=bool)
    in_split_row = order[split.feature[seg_of_col], col]
    goes_left[in_split_row] = (col - starts[seg_of_col]) < split.n_left[seg_of_col]

    left = goes_left[order]                                                   # (F, m)
    # c = left samples up to and including each column. Every block holds exactly
    # n_left[s] left samples in *every* row, so the count before block s is the same in
    # all rows: c0[s]. A left sample's rank in its block is c - c0; its destination
    # start - 1 + (c - c0). A right sample's rank is (col - start + 1) - (c - c0) and its
    # destination start + n_left + rank - 1 = col + n_left + c0 - c.
    c = np.cumsum(left, axis=1, dtype=np.int32)
    c0 = (np.cumsum(split.n_left) - split.n_left)[seg_of_col]
    base_left = (starts[seg_of_col] - 1 - c0).astype(np.int32)                # (m,)
    base_right = (col + split.n_left[seg_of_col] + c0).astype(np.int32)       # (m,)
    dest = np.where(left, base_left + c, base_right - c)
    dest += (np.arange(F, dtype=np.int32) * m)[:, None]                       # flat index
    new_order = np.empty(order.shape, dtype=order.dtype)                      # C order:
    new_order.reshape(-1)[dest.ravel()] = order.ravel()                       # a flat view

    mid = starts + split.n_left
    child_starts = np.stack([starts, mid], axis=1).ravel()
    child_ends = np.stack([mid, ends], axis=1).ravel()
    return new_order, child_starts, child_ends


class _Nodes:
    """Growing node arrays; children are filled in when a node is split."""

    def __init__(self):
        self.cols = {k: [] for k in ("left", "right", "feature", "threshold", "value",
                                     "impurity", "n", "w")}

    def add(self, impurity, value, n, w) -> np.ndarray:
        first = len(self.cols["impurity"])
        k = len(impurity)
        # tolist: Python numbers, not one NumPy scalar object per element.
        self.cols["impurity"].extend(np.asarray(impurity).tolist())
        self.cols["value"].extend(np.asarray(value).tolist())
        self.cols["n"].extend(np.asarray(n).tolist())
        self.cols["w"].extend(np.asarray(w).tolist())
        self.cols["left"].extend([TREE_LEAF] * k)
        self.cols["right"].extend([TREE_LEAF] * k)
        self.cols["feature"].extend([TREE_UNDEFINED] * k)
        self.cols["threshold"].extend([float(TREE_UNDEFINED)] * k)
        return np.arange(first, first + k)

    def set_split(self, node, feature, threshold, left, right):
        self.cols["feature"][node] = int(feature)
        self.cols["threshold"][node] = float(threshold)
        self.cols["left"][node] = int(left)
        self.cols["right"][node] = int(right)

    def tree(self, n_features) -> Tree:
        c = self.cols
        return Tree(children_left=c["left"], children_right=c["right"], feature=c["feature"],
                    threshold=c["threshold"], value=np.asarray(c["value"])[:, None, :],
                    impurity=c["impurity"], n_node_samples=c["n"],
                    weighted_n_node_samples=c["w"], n_features=n_features)


def _describe_nodes(crit, order, starts, ends):
    """Impurity, value, sample count and weight of each block."""
    totals = crit.node_totals(order[0], starts)
    impurity, value = crit.node_impurity_value(totals, order[0], starts, ends)
    weight = np.add.reduceat(crit.weight.take(order[0]), starts)
    return impurity, value, ends - starts, weight


def _is_leaf(impurity, n, w, depth, p: Params) -> np.ndarray:
    """Nodes that must stay leaves before any split is tried."""
    return ((depth >= p.max_depth) | (n < p.min_samples_split) | (n < 2 * p.min_samples_leaf)
            | (w < 2 * p.min_weight_leaf) | (impurity <= EPSILON))


def _keep_blocks(order, starts, ends, keep):
    """Drop the columns of the blocks not in ``keep``; renumber the kept blocks."""
    lengths = (ends - starts)[keep]
    # compress, not order[:, mask]: a mask on axis 1 returns a Fortran-ordered array,
    # which would make every later pass along the rows strided.
    order = order.compress(np.repeat(keep, ends - starts), axis=1)
    new_ends = np.cumsum(lengths)
    return order, new_ends - lengths, new_ends


def presort(Xt) -> np.ndarray:
    """``(n_features, n_samples)``: each row sorts the samples by that feature (stable)."""
    return np.argsort(Xt, axis=1, kind="stable")


def build_depth_first(crit, Xt, p: Params, order=None) -> Tree:
    """Grow level by level; return the tree numbered depth-first like scikit-learn's.

    ``order`` is :func:`presort` of ``Xt`` when the caller already has it (a forest
    sorts once for all its trees); None sorts here.
    """
    order = presort(Xt) if order is None else order
    n = Xt.shape[1]
    starts, ends = np.array([0]), np.array([n])
    total_weight = float(crit.weight.sum())
    nodes = _Nodes()
    ids = nodes.add(*_describe_nodes(crit, order, starts, ends))
    depth = 0
    while len(ids):
        impurity = np.asarray(nodes.cols["impurity"])[ids]
        n_node = ends - starts
        w = np.asarray(nodes.cols["w"])[ids]
        try_split = ~_is_leaf(impurity, n_node, w, depth, p)
        order, starts, ends = _keep_blocks(order, starts, ends, try_split)
        ids, impurity = ids[try_split], impurity[try_split]
        if not len(ids):
            break
        split = best_splits(crit, Xt, order, starts, ends, p, total_weight, impurity)
        order, starts, ends = _keep_blocks(order, starts, ends, split.found)
        ids = ids[split.found]
        split = Splits(*(getattr(split, f)[split.found] for f in Splits.__dataclass_fields__))
        if not len(ids):
            break
        order, starts, ends = partition(order, starts, ends, split, Xt)
        children = nodes.add(*_describe_nodes(crit, order, starts, ends))
        for k, node in enumerate(ids):
            nodes.set_split(node, split.feature[k], split.threshold[k],
                            children[2 * k], children[2 * k + 1])
        ids = children
        depth += 1
    return nodes.tree(Xt.shape[0]).preorder()


def build_best_first(crit, Xt, p: Params, order=None) -> Tree:
    """Grow the split with the largest impurity decrease first, up to ``max_leaf_nodes``.

    Nodes are numbered in creation order (children of a split get consecutive ids), as
    scikit-learn's ``BestFirstTreeBuilder`` does. ``order``: as in :func:`build_depth_first`.
    """
    order = presort(Xt) if order is None else order
    total_weight = float(crit.weight.sum())
    nodes = _Nodes()
    frontier: list = []

    def add(order_node, depth):
        """Create the node, find its split, and put it on the frontier."""
        starts, ends = np.array([0]), np.array([order_node.shape[1]])
        impurity, value, n, w = _describe_nodes(crit, order_node, starts, ends)
        node = int(nodes.add(impurity, value, n, w)[0])
        split = None
        if not _is_leaf(impurity, n, w, depth, p)[0]:
            split = best_splits(crit, Xt, order_node, starts, ends, p, total_weight, impurity)
            split = split if split.found[0] else None
        improvement = 0.0
        if split is not None:
            wn = split.w_left[0] + split.w_right[0]
            improvement = wn / total_weight * (impurity[0] - split.w_left[0] / wn
                                               * split.imp_left[0] - split.w_right[0] / wn
                                               * split.imp_right[0])
        # heapq is a min-heap: negate; the node id breaks ties (older first).
        heapq.heappush(frontier, (-improvement, node, order_node, depth, split))

    add(order, 0)
    splits_left = p.max_leaf_nodes - 1
    while frontier:
        _, node, order_node, depth, split = heapq.heappop(frontier)
        if split is None or splits_left <= 0:
            continue                                   # stays a leaf
        splits_left -= 1
        n = order_node.shape[1]
        new_order, cs, ce = partition(order_node, np.array([0]), np.array([n]), split, Xt)
        left = len(nodes.cols["impurity"])      # the two children come next, left first
        right = left + 1
        nodes.set_split(node, split.feature[0], split.threshold[0], left, right)
        add(new_order[:, cs[0]:ce[0]], depth + 1)
        add(new_order[:, cs[1]:ce[1]], depth + 1)
    return nodes.tree(Xt.shape[0])
