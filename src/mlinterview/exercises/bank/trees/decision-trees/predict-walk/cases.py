"""Cases for decision-trees/predict-walk.

Fixed cases are small trees worked by hand (the statement's example among them); the
generated ones are trees grown by mlinterview.ml.tree.DecisionTreeClassifier (checked
node for node against scikit-learn in tests/parity/test_tree.py), asked about points
that include values exactly on a threshold. The reference walks the tree with
``Tree.apply``.
"""

import numpy as np

from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits
from mlinterview.ml.tree import DecisionTreeClassifier
from mlinterview.ml.tree._tree import Tree


def reference(children_left, children_right, feature, threshold, value, X):
    value = np.asarray(value, dtype=float)
    tree = Tree(children_left=children_left, children_right=children_right, feature=feature,
                threshold=threshold, value=value[:, None, :], impurity=np.zeros(len(value)),
                n_node_samples=np.zeros(len(value)),
                weighted_n_node_samples=np.zeros(len(value)), n_features=None)
    return np.argmax(value[tree.apply(np.asarray(X, dtype=float))], axis=1)


# The statement's tree: root tests x[1] <= 0.5; node 2 tests x[0] <= 2.0.
EXAMPLE = ([1, -1, 3, -1, -1], [2, -1, 4, -1, -1], [1, -2, 0, -2, -2],
           [0.5, -2.0, 2.0, -2.0, -2.0], [[4, 6], [3, 1], [2, 5], [0, 5], [2, 0]])


def fixed():
    return [
        Case((*EXAMPLE, [[9.0, 0.5], [2.0, 1.0], [2.5, 1.0]]),
             note="the statement's example (0.5 <= 0.5 goes left)", expected=np.array([0, 1, 0])),
        Case((*EXAMPLE, [[2.0, 0.6], [2.0000001, 0.6], [-5.0, -5.0]]),
             note="a sample exactly on the second threshold goes left",
             expected=np.array([1, 0, 0])),
        Case(([-1], [-1], [-2], [-2.0], [[1, 2, 7]], [[0.0], [3.0]]),
             note="a single leaf: every sample gets its majority class",
             expected=np.array([2, 2])),
        # A chain that leans right: x[0] <= 1 -> leaf A, else x[0] <= 2 -> leaf B, else C.
        Case(([1, -1, 3, -1, -1], [2, -1, 4, -1, -1], [0, -2, 0, -2, -2],
              [1.0, -2.0, 2.0, -2.0, -2.0], [[1, 1, 1], [5, 0, 0], [0, 1, 1], [0, 4, 0],
                                             [0, 0, 4]],
              [[0.5], [1.0], [1.5], [2.0], [3.0]]),
             note="a right-leaning chain, thresholds hit exactly",
             expected=np.array([0, 0, 1, 1, 2])),
        Case(([1, -1, -1], [2, -1, -1], [2, -2, -2], [0.0, -2.0, -2.0],
              [[2, 2], [1, 1], [0, 3]], [[9.0, 9.0, -1.0], [9.0, 9.0, 1.0]]),
             note="the tested feature is the third column; a 1:1 leaf ties -> class 0",
             expected=np.array([0, 1])),
    ]


def generated(rng):
    cases = []
    for i in range(14):
        n = int(rng.integers(20, 400)) if i < 12 else 5000
        n_features, n_classes = int(rng.integers(1, 6)), int(rng.integers(2, 5))
        X = np.round(rng.normal(size=(n, n_features)), 2)
        y = rng.integers(0, n_classes, n)
        y[:n_classes] = np.arange(n_classes)
        tree = DecisionTreeClassifier(max_depth=int(rng.integers(1, 12)),
                                      random_state=i).fit(X, y).tree_
        inner = tree.children_left >= 0
        X_query = np.round(rng.normal(size=(n, n_features)), 2)
        # Put some queries exactly on thresholds of the features the nodes test.
        if inner.any():
            nodes = rng.choice(np.flatnonzero(inner), size=min(n, 30))
            X_query[: len(nodes)][np.arange(len(nodes)), tree.feature[nodes]] = \
                tree.threshold[nodes]
        cases.append(Case((tree.children_left.tolist(), tree.children_right.tolist(),
                           tree.feature.tolist(), tree.threshold.tolist(),
                           tree.value[:, 0, :] * tree.weighted_n_node_samples[:, None],
                           X_query),
                          note=f"a fitted tree of {tree.node_count} nodes, {n} queries",
                          size=n * n_features))
    return cases


SPEC = ExerciseSpec(
    function="predict_tree",
    compare=Exact(),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=1024),
)
