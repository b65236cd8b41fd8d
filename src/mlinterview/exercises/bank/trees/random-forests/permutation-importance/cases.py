"""Cases for random-forests/permutation-importance.

Expected values: the tree's predictions and its R² come from the library
(mlinterview.ml.tree._tree.Tree.predict and RegressorMixin.score, the code behind
DecisionTreeRegressor, checked against scikit-learn in tests/parity/test_tree.py); the
reference permutes the columns one at a time around them. The generated trees are fitted
by DecisionTreeRegressor; the fixed cases are worked by hand (the statement's first).
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.base import RegressorMixin
from mlinterview.ml.tree import DecisionTreeRegressor
from mlinterview.ml.tree._tree import Tree


class _FittedTree(RegressorMixin):
    """A regression tree given as arrays, with the library's predict and R² score."""

    def __init__(self, tree):
        value = np.asarray(tree["value"], dtype=float)
        zeros = np.zeros(len(value))
        self.tree_ = Tree(children_left=tree["children_left"],
                          children_right=tree["children_right"], feature=tree["feature"],
                          threshold=tree["threshold"], value=value[:, None, None],
                          impurity=zeros, n_node_samples=zeros,
                          weighted_n_node_samples=zeros, n_features=None)

    def predict(self, X):
        return self.tree_.predict(np.asarray(X, dtype=float))[:, 0, 0]


def reference(tree, X, y, perms):
    model = _FittedTree(tree)
    X = np.asarray(X, dtype=float)
    base = model.score(X, y)
    drops = np.zeros((X.shape[1], len(perms)))
    for j in range(X.shape[1]):
        for r, perm in enumerate(np.asarray(perms)):
            shuffled = X.copy()
            shuffled[:, j] = X[perm, j]
            drops[j, r] = base - model.score(shuffled, y)
    return drops.mean(axis=1), drops.std(axis=1)


def _tree(left, right, feature, threshold, value):
    return {"children_left": left, "children_right": right, "feature": feature,
            "threshold": threshold, "value": value}


STUMP = _tree([1, -1, -1], [2, -1, -1], [0, -2, -2], [0.5, -2.0, -2.0], [0.5, 0.0, 1.0])
X4 = [[0.0, 5.0], [1.0, 6.0], [0.0, 7.0], [1.0, 8.0]]
# Root x[1] <= 0 -> node 1, else leaf 2 (value 3); node 1: x[0] <= 0 -> leaf 3 (value 0),
# else leaf 4 (value 1).
TWO_LEVEL = _tree([1, 3, -1, -1, -1], [2, 4, -1, -1, -1], [1, 0, -2, -2, -2],
                  [0.0, 0.0, -2.0, -2.0, -2.0], [1.0, 0.5, 3.0, 0.0, 1.0])


def fixed():
    return [
        Case((STUMP, X4, [0.0, 1.0, 0.0, 1.0], [[1, 0, 3, 2], [0, 1, 2, 3]]),
             note="the statement's example", expected=(np.array([2.0, 0.0]),
                                                       np.array([2.0, 0.0]))),
        Case((STUMP, X4, [0.0, 1.0, 0.0, 1.0], [[0, 1, 2, 3]]),
             note="the identity permutation changes nothing",
             expected=(np.zeros(2), np.zeros(2))),
        # Rows 0 and 2 swap: column 0 is [0, 1, 0, 1] again, nothing changes (drop 0);
        # reversing gives [1, 0, 1, 0]: drop 4. One repeat each: std 0.
        Case((STUMP, X4, [0.0, 1.0, 0.0, 1.0], [[2, 1, 0, 3]]),
             note="a permutation that happens to keep the column", expected=(np.zeros(2),
                                                                          np.zeros(2))),
        Case((STUMP, X4, [0.0, 1.0, 0.0, 1.0], [[3, 2, 1, 0]]),
             note="one repeat: the std is 0", expected=(np.array([4.0, 0.0]), np.zeros(2))),
        # y = [0, 1, 0, 2]: the stump predicts [0, 1, 0, 1], base R² = 1 - 1/2.75.
        # perm [1, 0, 3, 2] -> predictions [1, 0, 1, 0]: SS_res = 1 + 1 + 1 + 4 = 7.
        Case((STUMP, X4, [0.0, 1.0, 0.0, 2.0], [[1, 0, 3, 2]]),
             note="an imperfect base score", expected=(np.array([6 / 2.75, 0.0]),
                                                       np.zeros(2))),
        # X rows: (x0, x1). Predictions: x1 > 0 -> 3; else x0 <= 0 -> 0, else 1.
        # y = predictions exactly: [0, 1, 3, 3]; base 1. SS_tot = 27/4 (mean 7/4).
        # Feature 0 permuted by [2, 3, 0, 1]: x0 = [1, 2, 0, 1]; rows 0, 1 have x1 <= 0 ->
        # preds [1, 1, 3, 3]: SS_res = 1, drop 4/27. Feature 1 by the same permutation:
        # x1 = [1, 1, -1, -1] -> preds [3, 3, 1, 1]: SS_res = 9 + 4 + 4 + 4 = 21, drop 28/9.
        Case((TWO_LEVEL, [[0.0, -1.0], [1.0, -1.0], [1.0, 1.0], [2.0, 1.0]],
              [0.0, 1.0, 3.0, 3.0], [[2, 3, 0, 1]]),
             note="a two-level tree, both features used",
             expected=(np.array([4 / 27, 28 / 9]), np.zeros(2))),
        # The same tree, the permutation [1, 0, 2, 3] twice, then the identity: x0 =
        # [1, 0, 1, 2], rows 0 and 1 swap predictions: SS_res = 2, drop a = 8/27 twice,
        # then 0. Mean 2a/3 = 16/81, population std a·sqrt(2)/3 = 8·sqrt(2)/81.
        Case((TWO_LEVEL, [[0.0, -1.0], [1.0, -1.0], [1.0, 1.0], [2.0, 1.0]],
              [0.0, 1.0, 3.0, 3.0], [[1, 0, 2, 3], [1, 0, 2, 3], [0, 1, 2, 3]]),
             note="three repeats, two identical",
             expected=(np.array([16 / 81, 0.0]), np.array([8 * np.sqrt(2) / 81, 0.0]))),
        Case((_tree([-1], [-1], [-2], [-2.0], [2.5]), X4, [0.0, 1.0, 2.0, 4.0],
              [[1, 0, 3, 2], [3, 2, 1, 0]]),
             note="a single leaf: nothing matters", expected=(np.zeros(2), np.zeros(2))),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        n, p = int(rng.integers(8, 250)), int(rng.integers(1, 7))
        n_repeats = int(rng.integers(1, 8))
        X = np.round(rng.normal(size=(n, p)), 2)
        y = X[:, 0] + (X[:, 1] ** 2 if p > 1 else 0) + 0.5 * rng.normal(size=n)
        if p > 2:
            X[:, 2] = X[:, 0] + 0.1 * rng.normal(size=n)          # a correlated copy
        fitted = DecisionTreeRegressor(max_depth=int(rng.integers(1, 7)),
                                       random_state=i).fit(X, y).tree_
        tree = _tree(fitted.children_left, fitted.children_right, fitted.feature,
                     fitted.threshold, fitted.value[:, 0, 0])
        if i % 4 == 0:
            tree = {k: v.tolist() for k, v in tree.items()}
        perms = np.stack([rng.permutation(n) for _ in range(n_repeats)])
        cases.append(Case((tree, X, y, perms),
                          note=f"a fitted tree of {fitted.node_count} nodes, {n} rows, "
                          f"{p} features, {n_repeats} repeats", size=n * p * n_repeats))
    return cases


SPEC = ExerciseSpec(
    function="permutation_importance",
    # Sums of squares in another order: agreement to ~1e-14 relative.
    compare=AllClose(rtol=1e-8, atol=1e-10),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=1024),
)
