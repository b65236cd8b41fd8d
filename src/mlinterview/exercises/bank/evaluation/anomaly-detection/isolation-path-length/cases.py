"""Cases for anomaly-detection/isolation-path-length.

Expected values come from the library: the trees of each case are written into a
mlinterview.ml.anomaly.IsolationForest (its heap layout: feature_, threshold_ and
leaf_value_ = depth + average_path_length(leaf size) of every leaf), whose path_length
and score_samples (= -score) are then called. The library's forest is checked against
scikit-learn's IsolationForest in tests/parity/test_anomaly.py and its c(n) against
scikit-learn's _average_path_length. The trees themselves are grown here by the paper's
procedure on random data. The first cases are worked by hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.anomaly import IsolationForest, average_path_length


def _leaf_depths(tree, node=0, depth=0):
    if tree["left"][node] == -1:
        return [depth]
    return (_leaf_depths(tree, tree["left"][node], depth + 1)
            + _leaf_depths(tree, tree["right"][node], depth + 1))


def _as_library_forest(trees, max_samples, n_features):
    L = max(1, max(max(_leaf_depths(t)) for t in trees))
    T, n_internal = len(trees), 2**L - 1
    feature = np.zeros((T, n_internal), dtype=np.intp)
    threshold = np.full((T, n_internal), np.inf)      # inf: pass through to the left
    leaf_value = np.zeros((T, 2**L))

    def place(t, tree, node, heap, depth):
        if tree["left"][node] == -1:
            bottom = (heap + 1) * 2 ** (L - depth) - 1 - n_internal
            leaf_value[t, bottom] = depth + average_path_length(tree["n_samples"][node])
            return
        feature[t, heap] = tree["feature"][node]
        threshold[t, heap] = tree["threshold"][node]
        place(t, tree, tree["left"][node], 2 * heap + 1, depth + 1)
        place(t, tree, tree["right"][node], 2 * heap + 2, depth + 1)

    for t, tree in enumerate(trees):
        place(t, tree, 0, 0, 0)
    forest = IsolationForest()
    forest.feature_, forest.threshold_, forest.leaf_value_ = feature, threshold, leaf_value
    forest.depth_, forest.max_samples_, forest.n_features_in_ = L, max_samples, n_features
    forest.offset_ = -0.5
    return forest


def reference(trees, X, max_samples):
    X = np.asarray(X, dtype=float)
    forest = _as_library_forest(trees, max_samples, X.shape[1])
    return forest.path_length(X), -forest.score_samples(X)


def _tree(left, right, feature, threshold, n_samples):
    return {"left": np.array(left), "right": np.array(right), "feature": np.array(feature),
            "threshold": np.array(threshold, dtype=float), "n_samples": np.array(n_samples)}


def _grow(X, rng, limit):
    """One isolation tree (Liu et al. 2008) on the rows of X, nodes in preorder."""
    nodes = []

    def build(rows, depth):
        i = len(nodes)
        nodes.append([-1, -1, -1, np.nan, len(rows)])
        lo, hi = X[rows].min(axis=0), X[rows].max(axis=0)
        splittable = np.flatnonzero(hi > lo)
        if len(rows) <= 1 or depth >= limit or len(splittable) == 0:
            return i
        f = int(rng.choice(splittable))
        t = float(rng.uniform(lo[f], hi[f]))
        goes_left = X[rows, f] <= t
        nodes[i][2], nodes[i][3] = f, t
        nodes[i][0] = build(rows[goes_left], depth + 1)
        nodes[i][1] = build(rows[~goes_left], depth + 1)
        return i

    build(np.arange(len(X)), 0)
    left, right, feature, threshold, n = zip(*nodes, strict=True)
    return _tree(left, right, feature, threshold, n)


def _c(n):
    return 2 * (math.log(n - 1) + np.euler_gamma) - 2 * (n - 1) / n


def fixed():
    # Root: x0 <= 0.5 -> leaf of 3 rows; else x1 <= 2 -> leaf of 1 row, else leaf of 2.
    small = _tree([1, -1, 3, -1, -1], [2, -1, 4, -1, -1], [0, -1, 1, -1, -1],
                  [0.5, np.nan, 2.0, np.nan, np.nan], [6, 3, 3, 1, 2])
    X = [[0.2, 5.0], [0.9, 1.0], [0.9, 3.0], [0.5, 0.0]]
    path = np.array([1 + _c(3), 2.0, 3.0, 1 + _c(3)])     # c(1) = 0, c(2) = 1
    # A second tree: a single leaf holding all 6 rows (nothing to split): h = c(6).
    stump = _tree([-1], [-1], [-1], [np.nan], [6])
    both = (path + _c(6)) / 2
    leaf_2 = _tree([1, -1, -1], [2, -1, -1], [1, -1, -1], [0.0, np.nan, np.nan], [5, 3, 2])
    return [
        Case(([small], X, 6), note="worked example: one tree, four points",
             expected=(path, 2.0 ** (-path / _c(6)))),
        Case(([small, stump], X, 6), note="two trees: average the path lengths first",
             expected=(both, 2.0 ** (-both / _c(6)))),
        Case(([stump], [[1.0, 1.0]], 6), note="an unsplit root: h = c(6), score 1/2",
             expected=(np.array([_c(6)]), np.array([0.5]))),
        # x1 <= 0 -> left leaf (3 rows): h = 1 + c(3); just above 0 -> right leaf (2 rows):
        # h = 1 + c(2) = 2.
        Case(([leaf_2], [[7.0, 0.0], [7.0, 1e-9]], 5),
             note="a point exactly at the threshold goes left",
             expected=(np.array([1 + _c(3), 2.0]),
                       2.0 ** (-np.array([1 + _c(3), 2.0]) / _c(5)))),
    ]


def generated(rng):
    cases = []
    for i in range(18):
        d = int(rng.integers(1, 5))
        psi = int(rng.choice([2, 3, 8, 16, 64, 256]))
        n_trees = int(rng.integers(1, 30)) if i < 17 else 50
        data = rng.normal(size=(300, d))
        if i % 3 == 0:
            data = np.round(data, 1)                     # repeated values, constant nodes
        limit = max(1, math.ceil(math.log2(psi)))
        trees = [_grow(data[rng.choice(len(data), size=psi, replace=False)], rng, limit)
                 for _ in range(n_trees)]
        m = int(rng.integers(1, 60)) if i < 17 else 1000
        X = np.concatenate([rng.normal(size=(m, d)),
                            rng.normal(scale=6, size=(max(1, m // 10), d))])
        # Some points sit exactly on a split value of the first tree's root.
        if trees[0]["left"][0] != -1:
            X[: m // 4 + 1, trees[0]["feature"][0]] = trees[0]["threshold"][0]
        if i % 4 == 1:
            for tree in trees:                           # plain lists work too
                for key in tree:
                    tree[key] = tree[key].tolist()
        cases.append(Case((trees, X, psi), note=f"{n_trees} trees grown on {psi} rows, "
                          f"{len(X)} points in {d}-D", size=n_trees * len(X)))
    return cases


SPEC = ExerciseSpec(
    function="isolation_scores",
    # The same depths and logarithms in float64, summed over trees in another order.
    compare=AllClose(rtol=1e-10, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
